package cores.testing;

import cores.api.persistence.ConnectionWork;
import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import cores.persistence.DatabaseSignals;
import cores.persistence.UnitTransactions;
import cores.testing.postgres.TestDatabases;
import cores.testing.postgres.TestPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * Connections {@link #execute} and {@link #number} took and gave back, for the next call: a
   * set-up that writes a row a statement would otherwise open a connection for each (a new server
   * process, ten to fifty milliseconds on a busy machine), most of what a test class with a few
   * hundred rows of set-up took. Each call takes one of its own, so calls from several threads
   * never wait on each other; they are autocommit connections, idle between calls. Subclasses lend
   * them too ({@link #borrow}), as the domain's tests do to its persistence unit.
   */
  private final Deque<Connection> idle = new ArrayDeque<>();

  /** A new empty database named {@code <prefix>_<random hex>}. */
  public TestDatabase(String prefix) throws SQLException {
    this(new Created(TestDatabases.create(prefix, null)));
  }

  /**
   * A new database with the changelogs applied in order: a copy of a template database that this
   * JVM migrated with the same changelogs the first time they were asked for (dropped when the JVM
   * exits), since a test class that takes a fresh database for each test would otherwise pay for
   * every migration each time. The copy was made ahead while the previous test ran ({@link
   * TestDatabases}).
   */
  public TestDatabase(String prefix, String... changelogs) throws Exception {
    this(new Created(TestDatabases.copy(prefix, Templates.name(List.of(changelogs)))));
  }

  /** The name of a database just created for a test. */
  private record Created(String name) {}

  private TestDatabase(Created database) {
    name = database.name();
    url = TestPostgres.address().jdbcUrl(name) + "?stringtype=unspecified";
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

  /**
   * Runs SQL statements, each committed on its own (test set-up), on an autocommit connection that
   * no other call uses meanwhile (SET would last beyond the call: use {@link #connect()} for it).
   */
  public final void execute(String... sql) throws SQLException {
    Connection c = borrow();
    try (Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } finally {
      giveBack(c);
    }
  }

  /** The number in the first column of the first row a query answers (a count, an id). */
  public final long number(String sql) throws SQLException {
    Connection c = borrow();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } finally {
      giveBack(c);
    }
  }

  /**
   * Kept connections of this database, as a DataSource that counts the statements and the
   * transactions begun on them ({@link CountedConnections}).
   */
  protected final DataSource counting(AtomicInteger statements, AtomicInteger transactions) {
    return CountedConnections.of(this, statements, transactions);
  }

  /**
   * A kept connection, or a new one: for a subclass's own calls, given back with {@link #giveBack}.
   */
  protected final Connection borrow() throws SQLException {
    while (true) {
      Connection c;
      synchronized (idle) {
        c = idle.poll();
      }
      if (c == null) {
        return connect();
      }
      // a test may have ended it (pg_terminate_backend, a stopped server)
      if (c.isValid(5)) {
        return c;
      }
      closeQuietly(c);
    }
  }

  /**
   * Keeps the connection for the next call as a fresh one would be (autocommit, read-write, nothing
   * pending: a transaction left open is rolled back); closes it when it cannot be.
   */
  protected final void giveBack(Connection c) {
    try {
      if (!c.isClosed()) {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
        c.setReadOnly(false);
        synchronized (idle) {
          idle.push(c);
        }
        return;
      }
    } catch (SQLException broken) {
      // not kept: closed below
    }
    closeQuietly(c);
  }

  /** Closes the kept connections (the drop would end them anyway: WITH (FORCE)). */
  private void closeIdle() {
    synchronized (idle) {
      idle.forEach(TestDatabase::closeQuietly);
      idle.clear();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      System.getLogger(TestDatabase.class.getName())
          .log(System.Logger.Level.DEBUG, "a test connection did not close: {0}", e);
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

  /**
   * Drops the database: on {@link TestDatabases}'s thread, after this JVM's tests are done with it
   * (they close their connections first; WITH (FORCE) ends any a killed process left behind).
   */
  @Override
  public void close() throws SQLException {
    closeIdle();
    TestDatabases.drop(name);
  }

  /** The template databases of this JVM, one per list of changelogs, migrated on first use. */
  private static final class Templates {
    private static final Map<List<String>, String> NAMES = new HashMap<>();

    private Templates() {}

    static synchronized String name(List<String> changelogs) throws Exception {
      String name = NAMES.get(changelogs);
      if (name == null) {
        TestDatabase template =
            new TestDatabase(new Created(TestDatabases.create("cores_template", null)));
        try {
          template.migrate(changelogs.toArray(String[]::new));
        } catch (Exception | Error e) {
          TestDatabases.drop(template.name());
          throw e;
        }
        TestDatabases.dropAtExit(template.name());
        name = template.name();
        NAMES.put(changelogs, name);
      }
      return name;
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
