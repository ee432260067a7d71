package cores.itests;

import cores.testing.postgres.TestDatabases;
import cores.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

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
  private static final String PREFIX = "cores_it";

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() throws SQLException {
    return new TestDatabase(TestDatabases.create(PREFIX, null));
  }

  /**
   * A fresh database that already holds the schema of the distribution under test, as its first
   * start would leave it before doing anything else: a copy of a template that the distribution
   * migrated once for this test run ({@link SchemaTemplate}). A start on it skips the migrations
   * (their digests are recorded), which cost a start on an empty database 10 to 20 s on two cores;
   * tests of the migrations themselves use {@link #create()}. The copy was made ahead, while the
   * previous test class ran ({@link TestDatabases}).
   */
  public static TestDatabase migrated() throws Exception {
    return new TestDatabase(TestDatabases.copy(PREFIX, SchemaTemplate.name()));
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
   * Drops the database, ending sessions a killed process may have left behind: in the background,
   * while the next test class starts ({@link TestDatabases}).
   */
  @Override
  public void close() throws SQLException {
    TestDatabases.drop(name);
  }
}
