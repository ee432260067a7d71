package cores.accounts;

import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * A fresh PostgreSQL database with the bundle's changelog applied, and {@link Transactions} over
 * the bundle's persistence unit: what the persistence bundle provides inside OSGi.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String CHANGELOG = "cores/accounts/db/changelog.xml";

  final String name;
  private final String url;

  public TestDatabase() throws Exception {
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    name = "cores_accounts_test_" + HexFormat.of().formatHex(suffix);
    url = SERVER + name;
    admin("CREATE DATABASE " + name);
    try (Connection connection = connect()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .execute();
    }
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "");
  }

  /** A new persistence unit (with its own cache), as a separate instance of Cores would have. */
  public Tx transactions() {
    return transactions(url);
  }

  /** A persistence unit whose database server is down (nothing listens on the port). */
  static Tx unreachable() {
    return transactions("jdbc:postgresql://127.0.0.1:1/down?connectTimeout=2");
  }

  private static Tx transactions(String url) {
    EntityManagerFactory emf =
        new PersistenceProvider()
            .createEntityManagerFactory(
                "cores.accounts",
                Map.of(
                    "jakarta.persistence.jdbc.url", url,
                    "jakarta.persistence.jdbc.user", "postgres",
                    "jakarta.persistence.jdbc.password", "",
                    "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                    "eclipselink.logging.level.sql", System.getProperty("sqllog", "WARNING")));
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

    /** Read-only in PostgreSQL, as the persistence bundle does it: writes there fail. */
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
