package cores.testing;

import cores.api.persistence.ConnectionWork;
import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import cores.persistence.DatabaseSignals;
import cores.persistence.UnitTransactions;
import cores.testing.postgres.TestPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with a random name on the test PostgreSQL ({@link TestPostgres}: the one on
 * 127.0.0.1:5432 with trust auth, else an embedded one), dropped at close; Liquibase changelogs
 * from the classpath; and {@link Transactions} over a bundle's persistence unit as the persistence
 * bundle provides them inside OSGi: its own {@link UnitTransactions}, on connections with {@code
 * stringtype=unspecified} as its pool sets.
 */
public class TestDatabase implements AutoCloseable {
  public static final String USER = TestPostgres.USER;

  private final String name;
  private final String url;

  /** A new empty database named {@code <prefix>_<random hex>}. */
  public TestDatabase(String prefix) throws SQLException {
    this(prefix, Optional.empty());
  }

  /**
   * A new database with the changelogs applied in order: a copy of a template database that this
   * JVM migrated with the same changelogs the first time they were asked for (dropped when the JVM
   * exits), since a test class that takes a fresh database for each test would otherwise pay for
   * every migration each time.
   */
  public TestDatabase(String prefix, String... changelogs) throws Exception {
    this(prefix, Optional.of(Templates.name(List.of(changelogs))));
  }

  private TestDatabase(String prefix, Optional<String> template) throws SQLException {
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    name = prefix + "_" + HexFormat.of().formatHex(suffix);
    url = TestPostgres.address().jdbcUrl(name) + "?stringtype=unspecified";
    admin("CREATE DATABASE " + name + template.map(t -> " TEMPLATE " + t).orElse(""));
  }

  public final String name() {
    return name;
  }

  /** Applies Liquibase changelogs found on the classpath, in order. */
  public final void migrate(String... changelogs) throws Exception {
    try (Connection connection = connect()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      for (String changelog : changelogs) {
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
            .execute();
      }
    }
  }

  public final Connection connect() throws SQLException {
    return DriverManager.getConnection(url, USER, "");
  }

  /** Runs SQL statements on a connection of their own, committed (test set-up). */
  public final void execute(String... sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  /** The number in the first column of the first row a query answers (a count, an id). */
  public final long number(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A persistence unit of its own (with its own cache), as a separate instance of Cores has. */
  public final Tx transactions(String unit) {
    return transactions(unit, url);
  }

  /**
   * A persistence unit on connections from the data source (e.g. one that observes them); its
   * {@link Tx#signals} listen on connections of {@code listener}.
   */
  public static Tx transactions(
      String unit, DataSource dataSource, DatabaseSignals.Connector listener) {
    return open(
        unit, Map.of("jakarta.persistence.nonJtaDataSource", dataSource), dataSource, listener);
  }

  /** A persistence unit on a database URL, e.g. of a server that is down. */
  public static Tx transactions(String unit, String url) {
    // autocommit work opens a connection of its own each time (EclipseLink pools the others)
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setURL(url);
    direct.setUser(USER);
    return open(
        unit,
        Map.of(
            "jakarta.persistence.jdbc.url",
            url,
            "jakarta.persistence.jdbc.user",
            USER,
            "jakarta.persistence.jdbc.password",
            "",
            "jakarta.persistence.jdbc.driver",
            "org.postgresql.Driver"),
        direct,
        direct::getConnection);
  }

  private static Tx open(
      String unit,
      Map<String, Object> connection,
      DataSource dataSource,
      DatabaseSignals.Connector listener) {
    Map<String, Object> properties = new HashMap<>(connection);
    properties.put("eclipselink.logging.level", "WARNING");
    // -Dsqllog=FINE shows the SQL a test sends
    properties.put("eclipselink.logging.level.sql", System.getProperty("sqllog", "WARNING"));
    return new Tx(
        unit,
        new PersistenceProvider().createEntityManagerFactory(unit, properties),
        dataSource,
        listener);
  }

  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(TestPostgres.address().jdbcUrl("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The template databases of this JVM, one per list of changelogs, migrated on first use. */
  private static final class Templates {
    private static final Map<List<String>, String> NAMES = new HashMap<>();

    private Templates() {}

    static synchronized String name(List<String> changelogs) throws Exception {
      String name = NAMES.get(changelogs);
      if (name == null) {
        TestDatabase template = new TestDatabase("cores_template");
        try {
          template.migrate(changelogs.toArray(String[]::new));
        } catch (Exception | Error e) {
          template.close();
          throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(template::dropQuietly));
        name = template.name();
        NAMES.put(changelogs, name);
      }
      return name;
    }
  }

  private void dropQuietly() {
    try {
      close();
    } catch (SQLException e) {
      System.getLogger(TestDatabase.class.getName())
          .log(System.Logger.Level.WARNING, "test database {0} not dropped: {1}", name, e);
    }
  }

  /**
   * The persistence bundle's {@link UnitTransactions} over a unit, closing its factory at close.
   * Nobody is bound as the acting user: the change log records its writes as Cores' own. Its {@link
   * #signals} are those of an instance of Cores: started on first use, told of the unit's commits.
   */
  public static final class Tx implements Transactions, AutoCloseable {
    private final String unit;
    private final EntityManagerFactory emf;
    private final UnitTransactions transactions;
    private final DatabaseSignals.Connector listener;
    private DatabaseSignals signals;

    Tx(
        String unit,
        EntityManagerFactory emf,
        DataSource dataSource,
        DatabaseSignals.Connector listener) {
      this.unit = unit;
      this.emf = emf;
      this.listener = listener;
      this.transactions = new UnitTransactions(emf, dataSource, Optional::empty, this::committed);
    }

    /** The persistence bundle's {@link DatabaseSignals} of this instance, listening from now on. */
    public synchronized DatabaseSignals signals() {
      if (signals == null) {
        signals = DatabaseSignals.listeningThrough(listener);
      }
      return signals;
    }

    private synchronized void committed() {
      if (signals != null) {
        signals.committed(unit);
      }
    }

    @Override
    public <T> T required(Work<T> work) {
      return transactions.required(work);
    }

    @Override
    public <T> T readOnly(Work<T> work) {
      return transactions.readOnly(work);
    }

    @Override
    public <T> T autocommit(ConnectionWork<T> work) {
      return transactions.autocommit(work);
    }

    /** An EntityManager outside any transaction. */
    public EntityManager entityManager() {
      return emf.createEntityManager();
    }

    @Override
    public synchronized void close() {
      if (signals != null) {
        signals.close();
      }
      emf.close();
    }
  }
}
