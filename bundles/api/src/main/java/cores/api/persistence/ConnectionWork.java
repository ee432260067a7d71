package cores.api.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on one JDBC connection of a persistence unit's pool. */
@FunctionalInterface
public interface ConnectionWork<T> {
  T run(Connection connection) throws SQLException;
}
