package cores.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The persistence unit of {@link DomainDatabase} keeps the connections it closes for its next
 * transaction, as Cores' pool does, and each one comes back as a fresh one would: read-write, in
 * autocommit, nothing of the last transaction pending; its statements are still counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainDatabaseTest {
  private DomainDatabase db;
  private TestDatabase.Tx tx;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private long backend() {
    return tx.readOnly(
            em -> ((Number) em.createNativeQuery("SELECT pg_backend_pid()").getSingleResult()))
        .longValue();
  }

  @Test
  void oneTransactionAfterAnotherRunsOnTheSameConnection() {
    assertEquals(backend(), backend());
  }

  @Test
  void aConnectionComesBackReadWriteAndWithNothingPending() throws Exception {
    backend(); // a read-only transaction
    tx.required(
        em ->
            em.createNativeQuery("INSERT INTO auth_group (name) VALUES ('kept')").executeUpdate());
    assertEquals(1, db.number("SELECT count(*) FROM auth_group WHERE name = 'kept'"));
    // a transaction that failed is rolled back, not left open for the next one
    assertThrows(
        RuntimeException.class,
        () ->
            tx.required(
                em -> {
                  em.createNativeQuery("INSERT INTO auth_group (name) VALUES ('undone')")
                      .executeUpdate();
                  throw new IllegalStateException("the work fails");
                }));
    assertEquals(0, db.number("SELECT count(*) FROM auth_group WHERE name = 'undone'"));
    backend();
    assertEquals(
        "off",
        tx.required(em -> em.createNativeQuery("SHOW transaction_read_only").getSingleResult()));
  }

  @Test
  void statementsAreStillCounted() {
    int before = db.statements.get();
    backend();
    assertTrue(db.statements.get() > before);
  }
}
