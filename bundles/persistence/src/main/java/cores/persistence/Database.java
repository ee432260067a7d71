package cores.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to the shared database. Registered under this private type only: other
 * bundles reach the database through {@link cores.api.persistence.Transactions}, never directly.
 */
@Component(
    service = Database.class,
    configurationPid = "cores.database",
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DatabaseConfig.class)
public final class Database {

  /**
   * How long a caller waits for a connection. Short, so that a database that went away shows up as
   * a fast failure (and a fast "down" from the health check) rather than a 30 s hang.
   */
  static final long CONNECTION_TIMEOUT_MILLIS = 3000;

  /** What {@code pg_stat_activity} shows as {@code application_name} of the pool's connections. */
  static final String APPLICATION_NAME = "cores";

  /**
   * What it shows for the signals' listening connection, so that an operator counting or ending the
   * pool's connections can tell it apart.
   */
  static final String LISTENER_APPLICATION_NAME = "cores-signals";

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final PGSimpleDataSource listener;
  private final HikariDataSource pool;

  /**
   * Starts the pool without waiting for the database: one that is down now is reported by the
   * health check and by each use, and the pool connects once it is back.
   */
  @Activate
  public Database(DatabaseConfig config) {
    listener = postgres(config, LISTENER_APPLICATION_NAME);
    pool = createPool(config, postgres(config, APPLICATION_NAME));
    LOG.info("Database pool started (at most {} connections)", config.poolSize());
  }

  /**
   * Builds the pool without connecting yet. The PostgreSQL data source is handed to Hikari as an
   * object, so no driver lookup through DriverManager or the context class loader is needed.
   */
  private static HikariDataSource createPool(DatabaseConfig config, PGSimpleDataSource postgres) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("cores");
    hikari.setDataSource(postgres);
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    hikari.setValidationTimeout(2000);
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }

  private static PGSimpleDataSource postgres(DatabaseConfig config, String applicationName) {
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setURL(config.url());
    postgres.setUser(config.user());
    postgres.setPassword(config.password());
    postgres.setApplicationName(applicationName);
    // Strings are sent untyped so PostgreSQL infers the column's type: String attributes then
    // bind to inet, cidr, macaddr and tstzrange columns without casts in every query.
    postgres.setStringType("unspecified");
    postgres.setConnectTimeout(5);
    return postgres;
  }

  /**
   * A new connection outside the pool for the signals' listener, which holds it for as long as it
   * runs, so that the pool keeps its size for requests.
   */
  Connection connectListener() throws SQLException {
    return listener.getConnection();
  }

  /** The pooled data source. */
  public DataSource dataSource() {
    return pool;
  }

  /** Closes the pool: idle connections at once, connections still in use after a short grace. */
  @Deactivate
  public void close() {
    pool.close();
    LOG.info("Database pool closed");
  }
}
