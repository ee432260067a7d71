package cores.persistence;

import cores.api.persistence.DatabaseUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a failure to reach the database from an error in what was asked of it, and makes the first
 * a {@link DatabaseUnavailableException} of one line: EclipseLink's exceptions of an outage carry
 * about 170 lines of stack trace, which everyone who caught one logged.
 */
final class DatabaseFailures {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);
  private static final int MAX_DEPTH = 20;

  private DatabaseFailures() {}

  /**
   * @return {@code the database at host:port}, from the data source's settings (never its
   *     password); {@code the database} when they cannot be read
   */
  static String address(DataSource dataSource) {
    try {
      PGSimpleDataSource postgres = dataSource.unwrap(PGSimpleDataSource.class);
      String[] hosts = postgres.getServerNames();
      int[] ports = postgres.getPortNumbers();
      if (hosts.length > 0) {
        int port = ports.length > 0 && ports[0] != 0 ? ports[0] : 5432;
        return "the database at " + hosts[0] + ":" + port;
      }
    } catch (SQLException | RuntimeException notPostgres) {
      // another pool (the tests' EclipseLink pool) or driver: the name alone
    }
    return "the database";
  }

  /**
   * The failure as a {@link DatabaseUnavailableException} when it is one to reach the database (SQL
   * state class 08, 57P01–57P03, or the pool's timeout waiting for a connection); its whole trace
   * at DEBUG.
   */
  static Optional<DatabaseUnavailableException> unavailable(Throwable e, String database) {
    if (e instanceof DatabaseUnavailableException already) {
      return Optional.of(already);
    }
    Throwable current = e;
    boolean outage = false;
    Throwable root = e;
    for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
      outage |= isConnectionFailure(current);
      root = current;
      current = current.getCause();
    }
    if (!outage) {
      return Optional.empty();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    LOG.debug("{} cannot be reached", database, e);
    return Optional.of(
        new DatabaseUnavailableException(
            database
                + " cannot be reached ("
                + reason.strip().replaceAll("\\s*\\R\\s*", " ")
                + ")"));
  }

  private static boolean isConnectionFailure(Throwable t) {
    if (t instanceof SQLTransientConnectionException) {
      return true;
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      return state.startsWith("08") || state.matches("57P0[123]");
    }
    return false;
  }
}
