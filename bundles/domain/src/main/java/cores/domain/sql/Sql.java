package cores.domain.sql;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain JDBC on the connection of the current persistence-unit transaction. The domain's tables use
 * PostgreSQL's own types and operators (inet, cidr, macaddr, tstzrange, {@code >>=}, exclusion
 * constraints), and the bookable search must be one statement: SQL says that directly, JPA would
 * only be in the way. Values bind as parameters, never into the text.
 */
public final class Sql {
  private final EntityManager em;
  private final Connection connection;

  private Sql(EntityManager em, Connection connection) {
    this.em = em;
    this.connection = connection;
  }

  /** The connection of the transaction the entity manager is in. */
  public static Sql of(EntityManager em) {
    return new Sql(em, em.unwrap(Connection.class));
  }

  /**
   * The connection of autocommit work ({@code Transactions.autocommit}): each statement a
   * transaction of its own, one round trip; no entity manager.
   */
  public static Sql on(Connection connection) {
    return new Sql(null, connection);
  }

  /**
   * The entity manager of this unit of work, for services that write through it into the same
   * transaction (the notification outbox).
   */
  public EntityManager entityManager() {
    if (em == null) {
      throw new IllegalStateException("autocommit work has no entity manager");
    }
    return em;
  }

  /** Ids as a PostgreSQL array literal, bound as one parameter ({@code = ANY (?::bigint[])}). */
  public static String array(Collection<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * Rows as column label to value, modifiable maps in the columns' order (a label twice: the later
   * column's value at the first's place): timestamps as {@link Instant}, arrays as lists,
   * PostgreSQL types as text.
   */
  public List<Map<String, Object>> rows(String sql, List<?> params) {
    try (PreparedStatement statement = prepare(sql, params);
        ResultSet rs = statement.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      // the labels once, shared by every row (the admin's lists read hundreds)
      String[] columns = new String[meta.getColumnCount()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = meta.getColumnLabel(i + 1);
      }
      Row.Labels labels = new Row.Labels(columns);
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] values = new Object[labels.size()];
        for (int i = 0; i < columns.length; i++) {
          values[labels.slot(i)] = value(rs.getObject(i + 1));
        }
        rows.add(new Row(labels, values));
      }
      return rows;
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /**
   * Runs the work inside a savepoint of the current transaction: when it throws, what it wrote is
   * undone and the transaction goes on as before (PostgreSQL would otherwise refuse every later
   * statement of it). The exception is rethrown; if even the rollback to the savepoint fails (the
   * connection is gone) that failure is thrown instead.
   */
  public void savepoint(Runnable work) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollback) {
        rollback.addSuppressed(e);
        throw new DatabaseException(rollback);
      }
      throw e;
    }
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  /** The single row, or null. */
  public Map<String, Object> row(String sql, List<?> params) {
    List<Map<String, Object>> rows = rows(sql, params);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Whether the query finds a row. */
  public boolean exists(String sql, List<?> params) {
    return !rows(sql, params).isEmpty();
  }

  /** Runs an update; the number of rows changed. */
  public int update(String sql, List<?> params) {
    try (PreparedStatement statement = prepare(sql, params)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  private PreparedStatement prepare(String sql, List<?> params) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.size(); i++) {
        statement.setObject(i + 1, parameter(params.get(i)));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  private static Object parameter(Object value) {
    return value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
  }

  private static Object value(Object value) throws SQLException {
    if (value instanceof java.sql.Array array) {
      List<Object> list = new ArrayList<>();
      for (Object element : (Object[]) array.getArray()) {
        list.add(value(element));
      }
      return list;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Integer number) {
      return number.longValue();
    }
    if (value == null
        || value instanceof String
        || value instanceof Long
        || value instanceof Boolean
        || value instanceof BigDecimal
        || value instanceof Double) {
      return value;
    }
    // inet, cidr, macaddr, tstzrange come as driver objects: their text form is the API's
    return value.toString();
  }
}
