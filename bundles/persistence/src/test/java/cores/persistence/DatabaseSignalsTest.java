package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.testing.postgres.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseSignalsTest {
  private static final String LISTENER = "signals-under-test";

  private TestDatabase db;
  private DatabaseSignals signals;

  @BeforeEach
  void setUp() throws SQLException {
    db = new TestDatabase();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(db.url());
    source.setUser(TestDatabase.USER);
    source.setApplicationName(LISTENER);
    signals = DatabaseSignals.listeningThrough(source::getConnection);
  }

  @AfterEach
  void tearDown() throws SQLException {
    signals.close();
    db.close();
  }

  @Test
  void aChannelIsTrustedOnlyOnceListenedOn() {
    assertEquals(-1, signals.generation("cores_thing"));
    assertTrue(await("cores_thing", g -> g >= 0) >= 0);
  }

  @Test
  void aCommittedNotificationChangesTheGenerationAndARolledBackOneDoesNot() throws SQLException {
    long thing = listening("cores_thing");
    long other = listening("cores_other");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("NOTIFY cores_thing");
      c.rollback();
      s.execute("NOTIFY cores_other");
      c.commit();
      // delivered in commit order: the rolled-back one would have come first
      await("cores_other", g -> g != other);
      assertEquals(thing, signals.generation("cores_thing"));

      s.execute("SELECT pg_notify('cores_thing', '')");
      c.commit();
    }
    assertNotEquals(thing, await("cores_thing", g -> g != thing));
  }

  @Test
  void aCommitOfTheUnitOnThisInstanceCountsAtOnce() {
    long before = listening("cores_thing");
    signals.committed("cores.thing");
    assertNotEquals(before, signals.generation("cores_thing"));
  }

  @Test
  void aLostConnectionTrustsNothingUntilItListensAgainWithANewGeneration() throws SQLException {
    long before = listening("cores_thing");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
              + LISTENER
              + "'");
    }
    await("cores_thing", g -> g == -1);
    long after = await("cores_thing", g -> g >= 0);
    assertNotEquals(before, after, "what was kept before may have missed a notification");
  }

  @Test
  void aChannelMustBeAnIdentifier() {
    assertThrows(IllegalArgumentException.class, () -> signals.generation("x; DROP TABLE y"));
    assertThrows(IllegalArgumentException.class, () -> signals.generation("Upper"));
  }

  private long listening(String channel) {
    return await(channel, g -> g >= 0);
  }

  /** Waits for the listener's thread to give the channel a generation the condition accepts. */
  private long await(String channel, LongPredicate condition) {
    return Await.until(() -> signals.generation(channel), condition::test);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.url(), TestDatabase.USER, "");
  }
}
