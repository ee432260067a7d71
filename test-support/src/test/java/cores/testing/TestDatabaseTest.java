package cores.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link TestDatabase} shares to save time, and that tests still get a database of their own:
 * the helpers keep their connection between calls (one per concurrent caller, a dead one replaced),
 * copies of a template are each a fresh copy, and a closed database is dropped.
 */
class TestDatabaseTest {
  private static final String[] CHANGELOGS = {"cores/testing/test-changelog.sql"};

  @Test
  void theHelpersKeepTheirConnectionBetweenCalls() throws Exception {
    try (TestDatabase db = new TestDatabase("cores_tdb_test")) {
      long first = db.number("SELECT pg_backend_pid()");
      db.execute("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)");
      assertEquals(first, db.number("SELECT pg_backend_pid()"));
      // each statement was committed: another connection sees the row
      try (Connection other = db.connect();
          ResultSet rs = other.createStatement().executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertEquals(1, rs.getLong(1));
      }
    }
  }

  @Test
  void aFailedStatementLeavesTheHelpersWorking() throws Exception {
    try (TestDatabase db = new TestDatabase("cores_tdb_test")) {
      SQLException e = assertThrows(SQLException.class, () -> db.execute("SELECT * FROM nothing"));
      assertEquals("42P01", e.getSQLState());
      assertEquals(2, db.number("SELECT 2"));
    }
  }

  @Test
  void aConnectionEndedByTheServerIsReplaced() throws Exception {
    try (TestDatabase db = new TestDatabase("cores_tdb_test")) {
      long pid = db.number("SELECT pg_backend_pid()");
      try (Connection admin = db.connect();
          PreparedStatement end = admin.prepareStatement("SELECT pg_terminate_backend(?::int)")) {
        end.setLong(1, pid);
        end.execute();
      }
      long next = 0;
      // the server ends the process asynchronously: until it has, the old one may still answer
      for (int i = 0; i < 100 && (next == 0 || next == pid); i++) {
        next = db.number("SELECT pg_backend_pid()");
        Thread.sleep(50);
      }
      assertNotEquals(pid, next);
    }
  }

  @Test
  void concurrentCallersNeverShareAConnection() throws Exception {
    try (TestDatabase db = new TestDatabase("cores_tdb_test")) {
      db.execute("CREATE TABLE gate (id int)");
      CountDownLatch locked = new CountDownLatch(1);
      ExecutorService other = Executors.newSingleThreadExecutor();
      ExecutorService caller = Executors.newSingleThreadExecutor();
      try (Connection holder = db.connect()) {
        holder.setAutoCommit(false);
        holder.createStatement().execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
        // waits for the lock on a connection of its own ...
        Future<Long> waiting =
            other.submit(
                () -> {
                  locked.countDown();
                  return db.number("SELECT count(*) FROM gate");
                });
        locked.await();
        // ... while this call gets another one and is answered (sharing one, it would wait)
        Future<Long> mine = caller.submit(() -> db.number("SELECT pg_backend_pid()"));
        assertNotEquals(holderPid(holder), mine.get(60, TimeUnit.SECONDS));
        holder.rollback();
        assertEquals(0, waiting.get(60, TimeUnit.SECONDS));
      } finally {
        other.shutdownNow();
        caller.shutdownNow();
      }
    }
  }

  @Test
  void everyCopyOfATemplateIsFreshAndAClosedOneIsDropped() throws Exception {
    String name;
    try (TestDatabase first = new TestDatabase("cores_tdb_test", CHANGELOGS)) {
      first.execute("INSERT INTO tdb_rows (note) VALUES ('first')");
      name = first.name();
      try (TestDatabase second = new TestDatabase("cores_tdb_test", CHANGELOGS)) {
        assertNotEquals(first.name(), second.name());
        assertEquals(0, second.number("SELECT count(*) FROM tdb_rows"));
      }
    }
    // dropped on a thread of its own: waited for here, as long as a busy server needs
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (exists(name) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(!exists(name), name + " is still there");
  }

  private static long holderPid(Connection holder) throws SQLException {
    try (ResultSet rs = holder.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean exists(String database) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                TestPostgres.address().jdbcUrl("postgres"), TestDatabase.USER, "");
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
