package cores.testing.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Databases of the test PostgreSQL ({@link TestPostgres}) made and dropped for tests, with copies
 * of a template made ahead on a thread of their own and drops on another: on a busy server a copy
 * takes half a second to seconds and so does a drop (it waits for a checkpoint), which every test
 * that takes a fresh database paid for. A test takes the copy made while the previous one ran, and
 * its database is dropped while the next one runs. At exit both threads finish what they were
 * given, then the copies nobody took and the templates are dropped, in that order (a template
 * cannot be dropped while it is copied). Shared by the modules' tests and the integration tests.
 */
public final class TestDatabases {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ExecutorService COPIES = thread("test-database-copies");
  private static final ExecutorService DROPS = thread("test-database-drops");
  private static final Map<String, Future<String>> SPARES = new HashMap<>();
  private static final List<String> TEMPLATES = new ArrayList<>();
  private static Future<?> lastDrop;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::finish, "test-databases-exit"));
  }

  private TestDatabases() {}

  private static ExecutorService thread(String name) {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread t = new Thread(task, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Creates {@code <prefix>_<random hex>} now, a copy of the template if there is one; its name.
   *
   * @param prefix of {@code [a-z0-9_]} only: the name goes into the statement as it is
   */
  public static String create(String prefix, String template) throws SQLException {
    byte[] suffix = new byte[6];
    RANDOM.nextBytes(suffix);
    String name = prefix + "_" + HexFormat.of().formatHex(suffix);
    admin("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    return name;
  }

  /** A copy of the template (made ahead when one was), and the next one started; its name. */
  public static String copy(String prefix, String template) throws SQLException {
    Future<String> copy;
    synchronized (TestDatabases.class) {
      String key = prefix + " " + template;
      copy = SPARES.remove(key);
      if (copy == null) {
        copy = COPIES.submit(() -> create(prefix, template));
      }
      SPARES.put(key, COPIES.submit(() -> create(prefix, template)));
    }
    try {
      return copy.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while copying " + template, e);
    }
  }

  /**
   * Drops the database, ending the sessions a killed process may have left behind, on the drops'
   * thread after waiting for the drop before (at most one waits there): a backlog would outlast the
   * JVM's exit, which the test runner waits for only so long.
   */
  public static void drop(String name) throws SQLException {
    Future<?> previous;
    synchronized (TestDatabases.class) {
      previous = lastDrop;
    }
    if (previous != null) {
      try {
        previous.get();
      } catch (ExecutionException e) {
        // dropQuietly logged it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while dropping a test database", e);
      }
    }
    try {
      Future<?> drop = DROPS.submit(() -> dropQuietly(name));
      synchronized (TestDatabases.class) {
        lastDrop = drop;
      }
    } catch (RejectedExecutionException exiting) {
      dropNow(name);
    }
  }

  /** A template, dropped at exit once no copy of it is being made. */
  public static synchronized void dropAtExit(String template) {
    TEMPLATES.add(template);
  }

  private static void dropNow(String name) throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void dropQuietly(String name) {
    try {
      dropNow(name);
    } catch (SQLException e) {
      System.getLogger(TestDatabases.class.getName())
          .log(System.Logger.Level.WARNING, "test database {0} not dropped: {1}", name, e);
    }
  }

  private static void admin(String sql) throws SQLException {
    Properties trust = new Properties();
    trust.setProperty("user", TestPostgres.USER);
    try (Connection c =
            DriverManager.getConnection(TestPostgres.address().jdbcUrl("postgres"), trust);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void finish() {
    COPIES.shutdown();
    DROPS.shutdown();
    try {
      if (!COPIES.awaitTermination(2, TimeUnit.MINUTES)
          || !DROPS.awaitTermination(2, TimeUnit.MINUTES)) {
        return; // a copy still runs: its template cannot be dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    synchronized (TestDatabases.class) {
      for (Future<String> spare : SPARES.values()) {
        try {
          dropQuietly(spare.get());
        } catch (ExecutionException | InterruptedException notMade) {
          // no copy to drop
        }
      }
      TEMPLATES.forEach(TestDatabases::dropQuietly);
    }
  }
}
