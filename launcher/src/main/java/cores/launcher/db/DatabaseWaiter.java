package cores.launcher.db;

import cores.launcher.LaunchException;
import cores.launcher.env.Database;
import cores.launcher.env.Variable;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Waits until the database accepts a connection: exponential backoff (0.25 s doubling up to 4 s)
 * for a bounded time, so a database container that is still starting is waited for, and a wrong
 * host ends with one clear line instead of hanging.
 */
public final class DatabaseWaiter {

  private static final System.Logger LOG = System.getLogger(DatabaseWaiter.class.getName());
  private static final Duration FIRST_DELAY = Duration.ofMillis(250);
  private static final Duration MAX_DELAY = Duration.ofSeconds(4);

  private final Sleeper sleeper;
  private final BooleanSupplier cancelled;

  /** How the waiter pauses; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * @param cancelled whether the launcher was asked to stop: checked before every attempt, since
   *     the JDBC driver can swallow the interrupt that a SIGTERM sends while it connects
   */
  public DatabaseWaiter(BooleanSupplier cancelled) {
    this(d -> Thread.sleep(d.toMillis()), cancelled);
  }

  DatabaseWaiter(Sleeper sleeper, BooleanSupplier cancelled) {
    this.sleeper = sleeper;
    this.cancelled = cancelled;
  }

  /**
   * @throws LaunchException naming the variable to look at: exit code 3 when the database did not
   *     answer in time, 2 when it answered that the settings are wrong
   */
  public void await(Database db, Duration bound) throws LaunchException {
    long deadline = System.nanoTime() + bound.toNanos();
    Duration delay = FIRST_DELAY;
    int attempt = 0;
    while (true) {
      if (cancelled.getAsBoolean()) {
        throw new LaunchException(
            LaunchException.DATABASE_UNAVAILABLE, "stopped while waiting for the database");
      }
      attempt++;
      SQLException failure;
      try (Connection c = connect(db, bound)) {
        LOG.log(System.Logger.Level.INFO, "database {0} is reachable", db.address());
        return;
      } catch (SQLException e) {
        failure = e;
      }
      fatal(db, failure);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new LaunchException(
            LaunchException.DATABASE_UNAVAILABLE,
            Variable.POSTGRES_HOST
                + ": cannot connect to "
                + db.address()
                + " after "
                + bound.toSeconds()
                + " s ("
                + reason(failure)
                + ")",
            failure);
      }
      LOG.log(
          System.Logger.Level.INFO,
          "database {0} not reachable yet ({1}), attempt {2}",
          db.address(),
          reason(failure),
          attempt);
      try {
        sleeper.sleep(Duration.ofNanos(Math.min(delay.toNanos(), left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LaunchException(
            LaunchException.DATABASE_UNAVAILABLE, "interrupted while waiting for the database", e);
      }
      delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    }
  }

  private static Connection connect(Database db, Duration bound) throws SQLException {
    Properties p = new Properties();
    db.user().ifPresent(u -> p.setProperty("user", u));
    db.password().ifPresent(pw -> p.setProperty("password", pw));
    // each attempt is bounded too, so an unroutable host cannot outlast the overall bound
    long seconds = Math.max(1, Math.min(10, bound.toSeconds()));
    p.setProperty("connectTimeout", Long.toString(seconds));
    p.setProperty("loginTimeout", Long.toString(seconds));
    p.setProperty("ApplicationName", "cores-launcher");
    return DriverManager.getConnection(db.jdbcUrl(), p);
  }

  /**
   * Failures that waiting cannot fix end the wait at once. The server answered, so these are wrong
   * settings (exit code 2), not an unavailable database: a refused password or role, a missing
   * database, no right to connect to it.
   */
  private static void fatal(Database db, SQLException e) throws LaunchException {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String user = db.user().orElse("");
    if (state.equals("28P01")) {
      throw wrongSetting(
          Variable.POSTGRES_PASSWORD,
          db.address() + " refused the password for user \"" + user + "\"",
          "POSTGRES_PASSWORD must be the password of POSTGRES_USER on that server",
          e);
    }
    if (state.startsWith("28")) {
      throw wrongSetting(
          Variable.POSTGRES_USER,
          db.address() + " refused user \"" + user + "\"",
          "the role must exist on that server and pg_hba.conf must let it connect from this host",
          e);
    }
    if (state.equals("3D000")) {
      throw wrongSetting(
          Variable.POSTGRES_DB,
          "database \"" + db.name() + "\" does not exist on " + db.address(),
          "create it (createdb -O <POSTGRES_USER> " + db.name() + ") or set POSTGRES_DB to one",
          e);
    }
    if (state.equals("42501")) {
      throw wrongSetting(
          Variable.POSTGRES_USER,
          "user \""
              + user
              + "\" may not connect to database \""
              + db.name()
              + "\" on "
              + db.address(),
          "grant it CONNECT on the database (GRANT CONNECT ON DATABASE ...)",
          e);
    }
  }

  private static LaunchException wrongSetting(
      Variable variable, String problem, String hint, SQLException cause) {
    return new LaunchException(
        LaunchException.BAD_CONFIGURATION, variable + ": " + problem, hint, cause);
  }

  /** A short, secret-free reason for the last failure. */
  static String reason(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof SocketTimeoutException) {
        return "timed out";
      }
    }
    if ("57P03".equals(e.getSQLState())) {
      return "the database is starting up";
    }
    String state = e.getSQLState() == null ? "" : " " + e.getSQLState();
    return ("SQL state" + state).toLowerCase(Locale.ROOT).trim();
  }
}
