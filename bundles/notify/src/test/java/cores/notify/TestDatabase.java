package cores.notify;

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
 * A fresh PostgreSQL database with the accounts changelog (auth_user, read at enqueue) and this
 * bundle's applied, and {@link Transactions} over a persistence unit, as the persistence bundle
 * provides them inside OSGi (including {@code stringtype=unspecified}). Public: the SMTP bundle's
 * tests reuse it.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private final String name;
  private final String url;

  public TestDatabase() throws Exception {
    byte[] suffix = new byte[6];
    new SecureRandom().nextBytes(suffix);
    name = "cores_notify_test_" + HexFormat.of().formatHex(suffix);
    url = SERVER + name + "?stringtype=unspecified";
    admin("CREATE DATABASE " + name);
    try (Connection connection = connect()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      for (String changelog :
          new String[] {"cores/accounts/db/changelog.xml", "cores/notify/db/changelog.xml"}) {
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

  /** A persistence unit of its own, as a separate instance of Cores would have. */
  public Tx transactions(String unit) {
    EntityManagerFactory emf =
        new PersistenceProvider()
            .createEntityManagerFactory(
                unit,
                Map.of(
                    "jakarta.persistence.jdbc.url", url,
                    "jakarta.persistence.jdbc.user", "postgres",
                    "jakarta.persistence.jdbc.password", "",
                    "jakarta.persistence.jdbc.driver", "org.postgresql.Driver",
                    "eclipselink.logging.level", "WARNING"));
    return new Tx(emf);
  }

  /** Runs SQL on a connection of its own, committed. */
  public void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A single number from SQL. */
  public long count(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
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

    /** An EntityManager outside any transaction. */
    public EntityManager entityManager() {
      return emf.createEntityManager();
    }

    @Override
    public void close() {
      emf.close();
    }
  }
}
