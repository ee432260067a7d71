package cores.persistence;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Whether the database answers. Takes a pooled connection (at most {@link
 * Database#CONNECTION_TIMEOUT_MILLIS} to wait) and asks the server whether it is alive, so a
 * frequent check costs one round trip and no new connection.
 */
@Component(service = HealthIndicator.class)
public final class DatabaseHealth implements HealthIndicator {

  static final int VALID_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;

  @Activate
  public DatabaseHealth(@Reference Database database) {
    this(database.dataSource());
  }

  DatabaseHealth(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public Health check() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(VALID_TIMEOUT_SECONDS)
          ? Health.up()
          : Health.down("no answer within " + VALID_TIMEOUT_SECONDS + " s");
    } catch (SQLException e) {
      // The driver's message names host and port and may quote the server; the state is enough.
      return Health.down(
          e.getSQLState() == null
              ? "no connection"
              : "no connection (SQLState " + e.getSQLState() + ")");
    }
  }
}
