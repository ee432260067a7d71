package cores.itests;

import cores.testing.postgres.TestPostgres;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fresh, randomly named database on the test PostgreSQL ({@link TestPostgres}: 127.0.0.1:5432
 * with user {@code postgres} and trust auth, else the build's embedded one), dropped after {@link
 * #close()} (in the background; by the time the test JVM exits). Use one per test class:
 *
 * <pre>{@code
 * static TestDatabase db;
 * @BeforeAll static void create() throws SQLException { db = TestDatabase.create(); }
 * @AfterAll static void drop() throws SQLException { db.close(); }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

  public static final String USER = TestPostgres.USER;
  private static final TestPostgres.Address SERVER = TestPostgres.address();
  private static final String ADMIN_URL = SERVER.jdbcUrl("postgres");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() throws SQLException {
    return new TestDatabase(createFrom(null));
  }

  /**
   * A fresh database that already holds the schema of the distribution under test, as its first
   * start would leave it before doing anything else: a copy of a template that the distribution
   * migrated once for this test run ({@link SchemaTemplate}). A start on it skips the migrations
   * (their digests are recorded), which cost a start on an empty database 10 to 20 s on two cores;
   * tests of the migrations themselves use {@link #create()}. The copy was made ahead, while the
   * previous test class ran ({@link Background}).
   */
  public static TestDatabase migrated() throws Exception {
    return new TestDatabase(Background.copy(SchemaTemplate.name()));
  }

  private static String createFrom(String template) throws SQLException {
    String name = "cores_it_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    // the names are generated from [a-z0-9_] only
    admin(
        "CREATE DATABASE "
            + name.toLowerCase(Locale.ROOT)
            + (template == null ? "" : " TEMPLATE " + template));
    return name;
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, credentials());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Trust authentication: a user and no password. */
  private static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    return p;
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return SERVER.jdbcUrl(name);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), credentials());
  }

  /**
   * The first column of the query's first row, as text (e.g. an INSERT's RETURNING id).
   *
   * @param values bound to the query's {@code ?} placeholders, in order
   */
  public String text(String query, Object... values) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(query)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no row: " + query);
        }
        return rs.getString(1);
      }
    }
  }

  /** {@link #text} as a number, e.g. a count. */
  public long number(String query, Object... values) throws SQLException {
    return Long.parseLong(text(query, values));
  }

  /** Runs a statement, {@code values} bound to its placeholders. */
  public void execute(String sql, Object... values) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.execute();
    }
  }

  /**
   * The environment that points Cores at the test server, database not chosen
   * (docs/docs/configuration.md).
   */
  public static Map<String, String> serverEnvironment() {
    return Map.of(
        "POSTGRES_HOST",
        SERVER.host(),
        "POSTGRES_PORT",
        Integer.toString(SERVER.port()),
        "POSTGRES_USER",
        USER);
  }

  /** The environment that points Cores at this database (docs/docs/configuration.md names). */
  public Map<String, String> environment() {
    return Map.of(
        "POSTGRES_HOST",
        SERVER.host(),
        "POSTGRES_PORT",
        Integer.toString(SERVER.port()),
        "POSTGRES_DB",
        name,
        "POSTGRES_USER",
        USER);
  }

  /**
   * Drops the database, ending sessions a killed process may have left behind: on {@link
   * Background}'s thread, while the next test class starts.
   */
  @Override
  public void close() throws SQLException {
    Background.drop(name);
  }

  private static void drop(String name) throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void dropQuietly(String name) {
    try {
      drop(name);
    } catch (SQLException e) {
      System.getLogger(TestDatabase.class.getName())
          .log(System.Logger.Level.WARNING, "test database {0} not dropped: {1}", name, e);
    }
  }

  /**
   * The next copy of the schema template, made ahead, and drops, on one thread beside the tests: on
   * a busy server a copy takes half a second to seconds and so does a drop (it waits for a
   * checkpoint), which each test class paid for. At exit the thread finishes what it was given,
   * then the copy nobody took is dropped (before {@link SchemaTemplate}'s own hook may drop the
   * template: a template being copied cannot be dropped).
   */
  private static final class Background {
    private static final ExecutorService THREAD =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "test-databases");
              t.setDaemon(true);
              return t;
            });
    private static Future<String> spare;
    private static Future<?> lastDrop;

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(Background::finish, "test-databases-exit"));
    }

    private Background() {}

    /** A copy of the template (made ahead when one was), and the next one started. */
    static String copy(String template) throws SQLException {
      Future<String> copy;
      synchronized (Background.class) {
        copy = spare == null ? THREAD.submit(() -> createFrom(template)) : spare;
        spare = THREAD.submit(() -> createFrom(template));
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
     * Drops on the thread, after waiting for the drop before (at most one waits there): a backlog
     * would outlast the JVM's exit, which the test runner waits for only so long.
     */
    static void drop(String name) throws SQLException {
      Future<?> previous;
      synchronized (Background.class) {
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
        Future<?> drop = THREAD.submit(() -> dropQuietly(name));
        synchronized (Background.class) {
          lastDrop = drop;
        }
      } catch (RejectedExecutionException exiting) {
        TestDatabase.drop(name);
      }
    }

    private static void finish() {
      THREAD.shutdown();
      try {
        if (THREAD.awaitTermination(2, TimeUnit.MINUTES)) {
          synchronized (Background.class) {
            if (spare != null) {
              dropQuietly(spare.get());
            }
          }
        }
      } catch (ExecutionException notMade) {
        // no copy to drop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
