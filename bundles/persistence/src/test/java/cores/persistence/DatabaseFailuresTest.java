package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.persistence.DatabaseUnavailableException;
import cores.api.persistence.Transactions;
import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failure to reach the database becomes one line naming it; any other stays as it was. */
class DatabaseFailuresTest {

  /**
   * Through the pool, as every transaction's connection comes (EclipseLink's own wrapping of the
   * same failure: {@link #onlyFailuresToReachTheDatabaseAreTranslated}, and the itests' outage).
   */
  @Test
  void anUnreachableDatabaseIsOneLineNamingHostAndPortWithoutThePassword() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Database database =
        new Database(TestDatabase.config("jdbc:postgresql://127.0.0.1:" + closed + "/nowhere", 2));
    try {
      // autocommit work takes the pool's connection without EclipseLink: no unit needed
      Transactions tx =
          new UnitTransactions(null, database.dataSource(), Optional::empty, () -> {});
      DatabaseUnavailableException e =
          assertThrows(DatabaseUnavailableException.class, () -> tx.autocommit(c -> c.isValid(1)));
      assertEquals(
          "the database at 127.0.0.1:" + closed + " cannot be reached (Connection refused)",
          e.getMessage());
      assertNull(e.getCause(), "the trace is logged at DEBUG, not carried");
      assertEquals(0, e.getStackTrace().length);
      assertFalse(e.getMessage().contains("not-needed-with-trust-auth"), "no password");
    } finally {
      database.close();
    }
  }

  @Test
  void onlyFailuresToReachTheDatabaseAreTranslated() {
    PersistenceException refused =
        new PersistenceException(
            new SQLException("duplicate key value violates unique constraint", "23505"));
    assertEquals(Optional.empty(), DatabaseFailures.unavailable(refused, "the database"));
    PersistenceException lost =
        new PersistenceException(
            new SQLException(
                "Connection to db:5432 refused.", "08001", new ConnectException("refused")));
    assertEquals(
        "the database at db:5432 cannot be reached (refused)",
        DatabaseFailures.unavailable(lost, "the database at db:5432").orElseThrow().getMessage());
    DatabaseUnavailableException once = new DatabaseUnavailableException("down");
    assertSame(once, DatabaseFailures.unavailable(once, "the database").orElseThrow());
  }
}
