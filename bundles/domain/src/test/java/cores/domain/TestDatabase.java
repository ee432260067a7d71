package cores.domain;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * A fresh PostgreSQL database with the accounts and domain changelogs applied (and btree_gist,
 * which the persistence bundle installs), and {@link Transactions} over the domain's unit with a
 * connection setting as the persistence bundle's pool ({@code stringtype=unspecified}). Statements
 * sent through it are counted.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private final String name;
  private final String url;

  /** Statements prepared or created through {@link #transactions()}'s connections. */
  public final AtomicInteger statements = new AtomicInteger();

  public TestDatabase() throws Exception {
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    name = "cores_domain_test_" + HexFormat.of().formatHex(suffix);
    url = SERVER + name + "?stringtype=unspecified";
    admin("CREATE DATABASE " + name);
    try (Connection connection = connect()) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
      }
      for (String changelog :
          List.of("cores/accounts/db/changelog.xml", "cores/domain/db/changelog.xml")) {
        Database database =
            DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
            .execute();
      }
    }
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "");
  }

  /** Runs SQL statements directly (test set-up), outside the counted connections. */
  public void execute(String... sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  /** The id of the first row a query answers. */
  public long id(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A new user row, and the {@link User} the http bundle would hand to resources. */
  public User user(String username, boolean staff, Set<String> permissions) throws SQLException {
    long id =
        id(
            "INSERT INTO auth_user (username, password, is_staff) VALUES ('"
                + username
                + "', '!', "
                + staff
                + ") RETURNING id");
    return new User(id, username, "", "", "", true, staff, false, Set.of(), permissions, null);
  }

  public Tx transactions() {
    EntityManagerFactory emf =
        new PersistenceProvider()
            .createEntityManagerFactory(
                "cores.domain",
                Map.of(
                    "jakarta.persistence.nonJtaDataSource",
                    counting(),
                    "eclipselink.logging.level",
                    "WARNING"));
    return new Tx(emf);
  }

  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A DataSource whose connections count every statement they prepare or create. */
  private DataSource counting() {
    InvocationHandler connections =
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            Connection real = connect();
            return Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, m, a) -> {
                  if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  try {
                    return m.invoke(real, a);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
          }
          return switch (method.getName()) {
            case "getLogWriter" -> (PrintWriter) null;
            case "getLoginTimeout" -> 0;
            case "getParentLogger" -> Logger.getGlobal();
            case "isWrapperFor" -> false;
            default -> null;
          };
        };
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {DataSource.class}, connections);
  }

  /** Minimal {@link Transactions}: one EntityManager per outermost call, nested calls join it. */
  public static final class Tx implements Transactions, AutoCloseable {
    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    Tx(EntityManagerFactory emf) {
      this.emf = emf;
    }

    @Override
    public <T> T required(Work<T> work) {
      return run(work, false);
    }

    @Override
    public <T> T readOnly(Work<T> work) {
      return run(work, true);
    }

    private <T> T run(Work<T> work, boolean readOnly) {
      EntityManager joined = current.get();
      if (joined != null) {
        return call(work, joined);
      }
      EntityManager em = emf.createEntityManager();
      current.set(em);
      EntityTransaction transaction = em.getTransaction();
      try {
        transaction.begin();
        if (readOnly) {
          em.createNativeQuery("SET TRANSACTION READ ONLY").executeUpdate();
        }
        T result = call(work, em);
        transaction.commit();
        return result;
      } finally {
        if (transaction.isActive()) {
          transaction.rollback();
        }
        current.remove();
        em.close();
      }
    }

    private static <T> T call(Work<T> work, EntityManager em) {
      try {
        return work.run(em);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      emf.close();
    }
  }
}
