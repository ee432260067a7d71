package cores.domain.live;

import cores.api.web.FieldErrors;
import cores.domain.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The live lists: conflicts and offline warnings (filtered, one page), and every NIC's MAC. */
public final class LiveLists {
  private static final Set<String> STATUSES =
      Set.of(
          ConflictStatus.NEW, ConflictStatus.RESOLVED, ConflictStatus.IGNORE, ConflictStatus.SUPER);
  private static final String WARNING_COLUMNS =
      "SELECT w.id, w.host_id AS host, h.hostname, w.status, w.lastseen,"
          + " w.created AS \"timestamp\""
          + " FROM live_offlinehostwarning w JOIN inventory_host h ON h.id = w.host_id";

  /** Rows of one page and the count of all rows matching. */
  public record Slice(long count, List<Map<String, Object>> rows) {}

  /** Conflicts, newest first; {@code kind} and {@code status} filter when not null. */
  public Slice conflicts(Sql sql, String kind, String status, int limit, int offset) {
    FieldErrors errors = new FieldErrors();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (kind != null) {
      errors.check("kind", ConflictKind.of(kind) == null ? "one of unknown, nic, location" : null);
      where.add("c.kind = ?");
      params.add(kind);
    }
    status(status, "c.status", where, params, errors);
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return slice(
        sql,
        "SELECT count(*) AS n FROM live_scanconflict c" + condition,
        ConflictActions.COLUMNS + condition + " ORDER BY c.lastseen DESC, c.id DESC",
        params,
        limit,
        offset);
  }

  /** Offline host warnings, newest first; {@code status} filters when not null. */
  public Slice warnings(Sql sql, String status, int limit, int offset) {
    FieldErrors errors = new FieldErrors();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    status(status, "w.status", where, params, errors);
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return slice(
        sql,
        "SELECT count(*) AS n FROM live_offlinehostwarning w" + condition,
        WARNING_COLUMNS + condition + " ORDER BY w.created DESC, w.id DESC",
        params,
        limit,
        offset);
  }

  /** The warning, after setting its status (resolved or ignore); null if there is none. */
  public Map<String, Object> setWarningStatus(Sql sql, long id, String status) {
    if (sql.update(
            "UPDATE live_offlinehostwarning SET status = ? WHERE id = ?", List.of(status, id))
        == 0) {
      return null;
    }
    return sql.row(WARNING_COLUMNS + " WHERE w.id = ?", List.of(id));
  }

  /** Every NIC id with its MAC, for the scan agent. */
  public List<Map<String, Object>> macs(Sql sql) {
    return sql.rows("SELECT id, mac::text AS mac FROM inventory_nic ORDER BY id", List.of());
  }

  private static void status(
      String status, String column, List<String> where, List<Object> params, FieldErrors errors) {
    if (status != null) {
      errors.check(
          "status", STATUSES.contains(status) ? null : "one of new, resolved, ignore, super");
      where.add(column + " = ?");
      params.add(status);
    }
  }

  private static Slice slice(
      Sql sql, String count, String select, List<Object> params, int limit, int offset) {
    long n = (Long) sql.row(count, params).get("n");
    List<Object> page = new ArrayList<>(params);
    page.add(limit);
    page.add(offset);
    return new Slice(n, sql.rows(select + " LIMIT ? OFFSET ?", page));
  }
}
