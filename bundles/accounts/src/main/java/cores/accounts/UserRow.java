package cores.accounts;

import cores.api.accounts.User;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A user with their effective groups and permissions as columns of one statement, so that a token
 * or a session is resolved with one read instead of one per table (issue 16: a token costs almost
 * nothing); what it resolved to is then kept until a change is signalled ({@link KeptKeys}).
 */
final class UserRow {
  /**
   * The columns of the user {@code u}: {@link #WIDTH} of them. Group names may contain any
   * character, so they are joined as hex of their UTF-8; permission names are checked by the
   * database to be {@code app.action_model}, which has no comma.
   */
  static final String COLUMNS =
      "u.id, u.username, u.first_name, u.last_name, u.email, u.is_active, u.is_staff,"
          + " u.is_superuser, u.last_login,"
          + " (SELECT string_agg(encode(convert_to(g.name, 'UTF8'), 'hex'), ',')"
          + " FROM auth_user_groups ug JOIN auth_group g ON g.id = ug.group_id"
          + " WHERE ug.user_id = u.id),"
          + " (SELECT string_agg(p.permission, ',') FROM"
          + " (SELECT permission FROM auth_user_permissions WHERE user_id = u.id"
          + " UNION SELECT gp.permission FROM auth_user_groups ug"
          + " JOIN auth_group_permissions gp ON gp.group_id = ug.group_id"
          + " WHERE ug.user_id = u.id) p)";

  static final int WIDTH = 11;

  private UserRow() {}

  /**
   * The first row of a statement with one text parameter, its {@code width} columns as the driver
   * returns them, or null. By JDBC: a session or token is read on every request, and EclipseLink's
   * native query cost several times the statement itself (building the query, converting the row).
   */
  static Object[] first(Connection connection, String sql, String parameter, int width) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
          row[i] = rs.getObject(i + 1);
        }
        return row;
      }
    } catch (SQLException e) {
      throw new PersistenceException(e);
    }
  }

  /** The user whose {@link #COLUMNS} start at {@code from} in {@code row}. */
  static User user(Object[] row, int from) {
    Set<String> groups = new HashSet<>();
    for (String hex : split(row[from + 9])) {
      groups.add(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8));
    }
    return new User(
        ((Number) row[from]).longValue(),
        (String) row[from + 1],
        (String) row[from + 2],
        (String) row[from + 3],
        (String) row[from + 4],
        (Boolean) row[from + 5],
        (Boolean) row[from + 6],
        (Boolean) row[from + 7],
        groups,
        Set.of(split(row[from + 10])),
        instant(row[from + 8]));
  }

  /** A timestamp column as the JDBC driver returns it. */
  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    return (Instant) value;
  }

  private static String[] split(Object joined) {
    return joined == null ? new String[0] : ((String) joined).split(",");
  }
}
