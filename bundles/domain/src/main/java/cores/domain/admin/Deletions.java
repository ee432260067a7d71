package cores.domain.admin;

import cores.domain.sql.Sql;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What deleting rows of a table does, from the database's own foreign keys, followed through every
 * cascade as Django's delete confirmation does: the rows deleted with them (and those deleted with
 * those), the rows left without them, and the rows in the way. Each line names its rows (a booking
 * or reservation by owner and dates in the site's zone), at most {@link #NAMED} of them and a count
 * of the rest. Identifiers in SQL come from the database's catalog, never from input.
 */
final class Deletions {
  /** The rows a line names; the rest are counted. */
  static final int NAMED = 10;

  /**
   * How a booking or reservation {@code x} is named: what its owner would lose, and when, in the
   * site's zone (a zone id from the configuration: letters, digits, {@code /_+-}).
   */
  private static String hold(ZoneId zone) {
    // PostgreSQL knows UTC by that name, not by Java's Z
    String id = (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()).replace("'", "''");
    String format = " AT TIME ZONE '" + id + "', 'YYYY-MM-DD HH24:MI')";
    return "'#' || x.id || ' of ' || coalesce((SELECT u.username FROM accounts_user_v1 u"
        + " WHERE u.id = x.owner_id), '?') || ' on '"
        + " || coalesce((SELECT h.hostname FROM booking_bookable b JOIN inventory_host h"
        + " ON h.id = b.host_id WHERE b.id = x.bookable_id), '?') || ', '"
        + " || to_char(x.start_time"
        + format
        + " || coalesce(' to ' || to_char(x.end_time"
        + format
        + ", ', no end') || ' ("
        + id
        + ")'";
  }

  private final Sql sql;
  private final ZoneId zone;
  private final List<String> goes = new ArrayList<>();
  private final List<String> stops = new ArrayList<>();

  /** The rows already deleted in this walk, by table: a cycle is followed once. */
  private final Map<String, Set<Long>> deleted = new HashMap<>();

  private Deletions(Sql sql, ZoneId zone) {
    this.sql = sql;
    this.zone = zone;
  }

  /**
   * What goes with the rows (deleted too, or left without them), one line per kind; times in the
   * zone.
   */
  static List<String> consequences(Sql sql, String table, List<Long> ids, ZoneId zone) {
    return walk(sql, table, ids, zone).goes;
  }

  /** What stops deleting the rows or any row deleted with them, one line per kind. */
  static List<String> obstacles(Sql sql, String table, List<Long> ids, ZoneId zone) {
    return walk(sql, table, ids, zone).stops;
  }

  private static Deletions walk(Sql sql, String table, List<Long> ids, ZoneId zone) {
    Deletions walk = new Deletions(sql, zone);
    walk.deleted.put(table, new LinkedHashSet<>(ids));
    walk.follow(table, ids, null);
    return walk;
  }

  /**
   * The rows referring to these, deleted with {@code by} (null: the rows asked about): those a
   * cascade takes are followed in turn.
   */
  private void follow(String table, List<Long> ids, String by) {
    List<Map<String, Object>> keys =
        sql.rows(
            "SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confdeltype::text AS"
                + " rule FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid"
                + " AND a.attnum = c.conkey[1] WHERE c.contype = 'f'"
                + " AND c.confrelid = ?::regclass ORDER BY 1, 2",
            List.of(table));
    for (Map<String, Object> key : keys) {
      String referring = (String) key.get("tbl");
      String column = (String) key.get("col");
      String rule = (String) key.get("rule");
      String via = column.endsWith("_id") ? column.substring(0, column.length() - 3) : column;
      Set<Long> gone = deleted.getOrDefault(referring, Set.of());
      List<Long> found = referring(referring, column, ids, gone);
      if (found.isEmpty()) {
        continue;
      }
      int n = found.size();
      String what = n + " " + noun(referring, n);
      String names = named(referring, found);
      switch (rule) {
        case "c" -> {
          goes.add(what + " (by " + via + ") will be deleted too" + names);
          deleted.computeIfAbsent(referring, t -> new LinkedHashSet<>()).addAll(found);
          follow(referring, found, Catalog.modelName(referring).replace('_', ' '));
        }
        case "n", "d" ->
            goes.add(what + (n == 1 ? " will lose its " : " will lose their ") + via + names);
        default -> {
          String of = by == null ? "it" : "the " + by + " deleted with it";
          stops.add(what + (n == 1 ? " refers" : " refer") + " to " + of + " by " + via + names);
        }
      }
    }
  }

  /** The ids of the rows of {@code referring} whose column refers to these, but those gone. */
  private List<Long> referring(String referring, String column, List<Long> ids, Set<Long> gone) {
    return sql
        .rows(
            "SELECT id FROM "
                + quoted(referring)
                + " WHERE "
                + quoted(column)
                + " = ANY (?::bigint[]) ORDER BY id",
            List.of(Sql.array(ids)))
        .stream()
        .map(r -> ((Number) r.get("id")).longValue())
        .filter(id -> !gone.contains(id))
        .toList();
  }

  /** ": a, b, c and 4 more": the rows' names, a bounded list of them. */
  private String named(String table, List<Long> ids) {
    List<Long> shown = ids.subList(0, Math.min(NAMED, ids.size()));
    String label =
        table.equals("booking_booking") || table.equals("booking_reservation")
            ? hold(zone)
            : Labels.labelOf(table);
    Map<Long, String> names = new HashMap<>();
    sql.rows(
            "SELECT x.id, "
                + label
                + " AS name FROM "
                + quoted(table)
                + " x"
                + " WHERE x.id = ANY (?::bigint[])",
            List.of(Sql.array(shown)))
        .forEach(r -> names.put(((Number) r.get("id")).longValue(), (String) r.get("name")));
    List<String> parts = new ArrayList<>();
    shown.forEach(id -> parts.add(names.getOrDefault(id, "#" + id)));
    String rest = ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "";
    return ": " + String.join("; ", parts) + rest;
  }

  private static String noun(String table, int n) {
    String name = Catalog.modelName(table).replace('_', ' ');
    return n == 1 ? name : name + "s";
  }

  /** An identifier from the catalog, quoted for SQL. */
  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
