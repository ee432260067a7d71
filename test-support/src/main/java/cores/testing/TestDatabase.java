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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
   * never wait on each other; they are autocommit connections, idle between calls.
   */
  private final Deque<Connection> idle = new ArrayDeque<>();

  /** A new empty database named {@code <prefix>_<random hex>}. */
  public TestDatabase(String prefix) throws SQLException {
    this(new Created(create(prefix, null)));
  }

  /**
   * A new database with the changelogs applied in order: a copy of a template database that this
   * JVM migrated with the same changelogs the first time they were asked for (dropped when the JVM
   * exits), since a test class that takes a fresh database for each test would otherwise pay for
   * every migration each time. The copy was made ahead while the previous test ran ({@link
   * Background}).
   */
  public TestDatabase(String prefix, String... changelogs) throws Exception {
    this(new Created(Background.copy(prefix, Templates.name(List.of(changelogs)))));
  }

  /** The name of a database just created for a test. */
  private record Created(String name) {}

  private TestDatabase(Created database) {
    name = database.name();
    url = TestPostgres.address().jdbcUrl(name) + "?stringtype=unspecified";
  }

  /** Creates {@code <prefix>_<random hex>}, a copy of the template if there is one; its name. */
  private static String create(String prefix, String template) throws SQLException {
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    String name = prefix + "_" + HexFormat.of().formatHex(suffix);
    admin("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
    return name;
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

  private Connection borrow() throws SQLException {
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

  private void giveBack(Connection c) {
    try {
      if (!c.isClosed() && c.getAutoCommit()) {
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
   * Drops the database: on {@link Background}'s thread, after this JVM's tests are done with it
   * (they close their connections first; WITH (FORCE) ends any a killed process left behind).
   */
  @Override
  public void close() throws SQLException {
    closeIdle();
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
        TestDatabase template = new TestDatabase(new Created(create("cores_template", null)));
        try {
          template.migrate(changelogs.toArray(String[]::new));
        } catch (Exception | Error e) {
          drop(template.name());
          throw e;
        }
        Background.dropAtExit(template.name());
        name = template.name();
        NAMES.put(changelogs, name);
      }
      return name;
    }
  }

  /**
   * Copies of a template made ahead, one per prefix and template, on a thread of their own, and
   * drops on another: on a busy server a copy takes half a second to seconds and so does a drop (it
   * waits for a checkpoint), which a test class that takes a fresh database for each test paid for
   * every test. A test now takes the copy made while the previous one ran, and its database is
   * dropped while the next one runs. At exit both threads finish what they were given, then the
   * copies nobody took and the templates are dropped, in that order (a template cannot be dropped
   * while it is copied).
   */
  private static final class Background {
    private static final ExecutorService COPIES = thread("test-database-copies");
    private static final ExecutorService DROPS = thread("test-database-drops");
    private static final Map<String, Future<String>> SPARES = new HashMap<>();
    private static Future<?> lastDrop;
    private static final List<String> TEMPLATES = new ArrayList<>();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(Background::finish, "test-databases-exit"));
    }

    private Background() {}

    private static ExecutorService thread(String name) {
      return Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
          });
    }

    /** A copy of the template (made ahead when one was), and the next one started. */
    static String copy(String prefix, String template) throws SQLException {
      Future<String> copy;
      synchronized (Background.class) {
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
        Future<?> drop = DROPS.submit(() -> dropQuietly(name));
        synchronized (Background.class) {
          lastDrop = drop;
        }
      } catch (RejectedExecutionException exiting) {
        TestDatabase.drop(name);
      }
    }

    static synchronized void dropAtExit(String template) {
      TEMPLATES.add(template);
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
      synchronized (Background.class) {
        for (Future<String> spare : SPARES.values()) {
          try {
            dropQuietly(spare.get());
          } catch (ExecutionException | InterruptedException notMade) {
            // no copy to drop
          }
        }
        TEMPLATES.forEach(TestDatabase::dropQuietly);
      }
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
