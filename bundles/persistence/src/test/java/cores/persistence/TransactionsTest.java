package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest {

  private static TestDatabase db;
  private static Database database;
  private static EntityManagerFactory factory;
  private static Transactions tx;

  @BeforeAll
  static void start() throws Exception {
    db = new TestDatabase();
    database = new Database(db.config());
    ClassLoader loader = TransactionsTest.class.getClassLoader();
    Migrations.run(database.dataSource(), loader, "test.bundle", "db/test/changelog.xml");
    factory = Units.create("test", loader, "META-INF/test-persistence.xml", database.dataSource());
    tx = new UnitTransactions(factory, database.dataSource(), Optional::empty, () -> {});
  }

  @AfterAll
  static void stop() throws Exception {
    if (factory != null) {
      factory.close();
    }
    if (database != null) {
      database.close();
    }
    db.close();
  }

  @BeforeEach
  void empty() {
    tx.required(em -> em.createQuery("DELETE FROM Thing").executeUpdate());
  }

  private static List<String> names() {
    return tx.readOnly(
        em ->
            em.createQuery("SELECT t.name FROM Thing t ORDER BY t.name", String.class)
                .getResultList());
  }

  @Test
  void commitsWhenTheWorkReturns() {
    Long id =
        tx.required(
            em -> {
              Thing thing = new Thing("microscope");
              em.persist(thing);
              em.flush();
              return thing.id();
            });
    assertTrue(id > 0);
    assertEquals(List.of("microscope"), names());
  }

  @Test
  void rollsBackOnRuntimeExceptionAndRethrowsIt() {
    IllegalArgumentException thrown = new IllegalArgumentException("no");
    IllegalArgumentException caught =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                tx.required(
                    em -> {
                      em.persist(new Thing("centrifuge"));
                      em.flush();
                      throw thrown;
                    }));
    assertSame(thrown, caught);
    assertEquals(List.of(), names());
  }

  @Test
  void rollsBackOnCheckedExceptionAndWrapsIt() {
    PersistenceException caught =
        assertThrows(
            PersistenceException.class,
            () ->
                tx.required(
                    em -> {
                      em.persist(new Thing("centrifuge"));
                      em.flush();
                      throw new IOException("disk");
                    }));
    assertInstanceOf(IOException.class, caught.getCause());
    assertEquals(List.of(), names());
  }

  @Test
  void rollsBackWhenTheCommitFails() {
    tx.required(
        em -> {
          em.persist(new Thing("duplicate"));
          return null;
        });
    assertThrows(
        RollbackException.class,
        () ->
            tx.required(
                em -> {
                  em.persist(new Thing("other"));
                  em.persist(new Thing("duplicate"));
                  return null;
                }));
    assertEquals(List.of("duplicate"), names());
  }

  @Test
  void nestedCallsJoinTheOuterTransaction() {
    AtomicReference<EntityManager> inner = new AtomicReference<>();
    tx.required(
        outer -> {
          outer.persist(new Thing("outer"));
          outer.flush();
          tx.required(
              em -> {
                inner.set(em);
                // sees the outer transaction's uncommitted row: same transaction
                assertEquals(
                    1L,
                    em.createQuery("SELECT COUNT(t) FROM Thing t", Long.class).getSingleResult());
                em.persist(new Thing("inner"));
                return null;
              });
          assertSame(outer, inner.get());
          return null;
        });
    assertEquals(List.of("inner", "outer"), names());
  }

  @Test
  void outerFailureRollsBackNestedWork() {
    assertThrows(
        IllegalStateException.class,
        () ->
            tx.required(
                outer -> {
                  tx.required(
                      em -> {
                        em.persist(new Thing("inner"));
                        return null;
                      });
                  throw new IllegalStateException("outer fails");
                }));
    assertEquals(List.of(), names());
  }

  @Test
  void nestedFailureDoomsTheOuterTransactionEvenWhenCaught() {
    assertThrows(
        RollbackException.class,
        () ->
            tx.required(
                outer -> {
                  outer.persist(new Thing("outer"));
                  try {
                    tx.required(
                        em -> {
                          throw new IllegalStateException("inner fails");
                        });
                  } catch (IllegalStateException expected) {
                    // swallowed on purpose: the transaction must still not commit
                  }
                  return null;
                }));
    assertEquals(List.of(), names());
  }

  /** A lost connection fails the request at once (503) instead of after EclipseLink's retries. */
  @Test
  void eclipseLinkDoesNotRetryAQueryAfterALostConnection() {
    org.eclipse.persistence.sessions.Session session =
        factory
            .unwrap(org.eclipse.persistence.jpa.JpaEntityManagerFactory.class)
            .getServerSession();
    assertEquals(0, session.getLogin().getQueryRetryAttemptCount());
    assertEquals(0, session.getLogin().getDelayBetweenConnectionAttempts());
  }

  @Test
  void aNewTransactionFollowsAFinishedOne() {
    AtomicReference<EntityManager> first = new AtomicReference<>();
    tx.required(
        em -> {
          first.set(em);
          return null;
        });
    assertFalse(first.get().isOpen());
    tx.required(
        em -> {
          assertTrue(em.isOpen());
          assertTrue(em != first.get());
          return null;
        });
  }

  @Test
  void readOnlyInsideReadWriteJoinsIt() {
    tx.required(
        outer -> {
          outer.persist(new Thing("outer"));
          return tx.readOnly(
              em -> {
                assertSame(outer, em);
                em.persist(new Thing("joined"));
                return null;
              });
        });
    assertEquals(List.of("joined", "outer"), names());
  }

  @Test
  void readOnlyRefusesWrites() {
    RuntimeException refused =
        assertThrows(
            RuntimeException.class,
            () ->
                tx.readOnly(
                    em -> {
                      em.persist(new Thing("forbidden"));
                      em.flush();
                      return null;
                    }));
    assertTrue(
        causes(refused).contains("read-only transaction"), () -> "unexpected: " + causes(refused));
    assertEquals(List.of(), names());
  }

  @Test
  void readOnlyRefusesNativeWrites() {
    assertThrows(
        PersistenceException.class,
        () ->
            tx.readOnly(
                em ->
                    em.createNativeQuery("INSERT INTO thing (name) VALUES ('native')")
                        .executeUpdate()));
    assertEquals(List.of(), names());
  }

  @Test
  void readOnlyReads() {
    tx.required(
        em -> {
          em.persist(new Thing("balance"));
          return null;
        });
    assertEquals(
        "on",
        tx.readOnly(
            em ->
                em.createNativeQuery("SELECT current_setting('transaction_read_only')")
                    .getSingleResult()));
    assertEquals(List.of("balance"), names());
  }

  /** Autocommit work runs outside any transaction and sees what is committed. */
  @Test
  void autocommitReadsWithoutATransaction() {
    tx.required(
        em -> {
          em.persist(new Thing("committed"));
          return null;
        });
    assertEquals(
        List.of(true, "off", 1L),
        tx.autocommit(
            c -> {
              try (var s = c.createStatement();
                  var rs =
                      s.executeQuery(
                          "SELECT current_setting('transaction_read_only'), count(*)"
                              + " FROM thing WHERE name = 'committed'")) {
                rs.next();
                return List.of(c.getAutoCommit(), rs.getString(1), rs.getLong(2));
              }
            }));
  }

  /** Inside a transaction it runs on that transaction's connection: it sees what it wrote. */
  @Test
  void autocommitInsideATransactionJoinsIt() {
    long seen =
        tx.required(
            em -> {
              em.persist(new Thing("uncommitted"));
              em.flush();
              return tx.autocommit(
                  c -> {
                    try (var s = c.createStatement();
                        var rs =
                            s.executeQuery(
                                "SELECT count(*) FROM thing WHERE name = 'uncommitted'")) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  });
            });
    assertEquals(1, seen);
  }

  /** A read-only transaction's flag goes with it: the next transaction on the pool writes. */
  @Test
  void aReadWriteTransactionFollowsReadOnlyOnes() {
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of(), names());
    }
    tx.required(
        em -> {
          em.persist(new Thing("after"));
          return null;
        });
    assertEquals(List.of("after"), names());
  }

  @Test
  void postgresNetworkAndRangeTypesBindAsStrings() {
    Long id =
        tx.required(
            em -> {
              Thing thing =
                  new Thing("switch")
                      .network("192.168.1.20", "10.0.0.0/8", "08:00:2b:01:02:03")
                      .during("[2026-01-01 10:00:00+00,2026-01-01 12:00:00+00)");
              em.persist(thing);
              em.flush();
              return thing.id();
            });
    Thing read = tx.readOnly(em -> em.find(Thing.class, id));
    assertEquals("192.168.1.20", read.address());
    assertEquals("10.0.0.0/8", read.network());
    assertEquals("08:00:2b:01:02:03", read.mac());
    assertEquals("[\"2026-01-01 10:00:00+00\",\"2026-01-01 12:00:00+00\")", read.during());

    // String parameters compared with inet/cidr/tstzrange columns need no casts
    assertEquals(
        List.of("switch"),
        tx.readOnly(
            em ->
                em.createQuery(
                        "SELECT t.name FROM Thing t WHERE t.address = :a AND t.network = :n",
                        String.class)
                    .setParameter("a", "192.168.1.20")
                    .setParameter("n", "10.0.0.0/8")
                    .getResultList()));
    assertEquals(
        1L,
        ((Number)
                tx.readOnly(
                    em ->
                        em.createNativeQuery(
                                "SELECT count(*) FROM thing WHERE address << ?1::cidr"
                                    + " AND during @> ?2::timestamptz")
                            .setParameter(1, "192.168.0.0/16")
                            .setParameter(2, "2026-01-01 11:00:00+00")
                            .getSingleResult()))
            .longValue());
  }

  @Test
  void nullNetworkValuesBind() {
    Long id =
        tx.required(
            em -> {
              Thing thing = new Thing("unplugged").network(null, null, null);
              em.persist(thing);
              em.flush();
              return thing.id();
            });
    assertNull(tx.readOnly(em -> em.find(Thing.class, id)).address());
  }

  @Test
  void invalidNetworkValuesAreRejectedByTheDatabase() {
    assertThrows(
        RuntimeException.class,
        () ->
            tx.required(
                em -> {
                  em.persist(new Thing("bad").network("not-an-address", null, null));
                  return null;
                }));
    assertEquals(List.of(), names());
  }

  private static String causes(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append('\n');
    }
    return all.toString();
  }
}
