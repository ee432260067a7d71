package cores.domain.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.domain.sql.Sql;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What deleting rows of a table does, from the database's own foreign keys, followed through every
 * cascade as Django's delete confirmation does: the rows deleted with them (and those deleted with
 * those), the rows left without them, and the rows in the way. Each line names its rows as the
 * admin names them everywhere ({@link Labels}: a booking by its host and start, with its owner), at
 * most {@link #NAMED} of them and a count of the rest. Identifiers in SQL come from the database's
 * catalog, never from input.
 */
final class Deletions {
  /**
   * The accounts' models (app.name) whose deletion the domain's rows may refuse (README,
   * "References to users and groups"), and their tables.
   */
  static final Map<String, String> ACCOUNTS_TABLES =
      Map.of("auth.user", "auth_user", "auth.group", "auth_group");

  /** The tables whose rows have an owner, named with their own ({@link #named}). */
  private static final Set<String> OWNED = Set.of("booking_booking", "booking_reservation");

  /** The rows a line names; the rest are counted. */
  static final int NAMED = 10;

  private final Sql sql;
  private final ZoneId zone;

  /** The admin's model of each of the domain's tables, whose words name their rows. */
  private final Function<String, AdminModel> admin;

  private final List<String> goes = new ArrayList<>();
  private final List<String> stops = new ArrayList<>();

  /** The rows already deleted in this walk, by table: a cycle is followed once. */
  private final Map<String, Set<Long>> deleted = new HashMap<>();

  private Deletions(Sql sql, ZoneId zone, Function<String, AdminModel> admin) {
    this.sql = sql;
    this.zone = zone;
    this.admin = admin;
  }

  /**
   * What goes with the rows (deleted too, or left without them), one line per kind; times in the
   * zone, kinds in the admin's words ({@code admin}: each table's model).
   */
  static List<String> consequences(
      Sql sql, String table, List<Long> ids, ZoneId zone, Function<String, AdminModel> admin) {
    return walk(sql, table, ids, zone, admin).goes;
  }

  /** What stops deleting the rows or any row deleted with them, one line per kind. */
  static List<String> obstacles(
      Sql sql, String table, List<Long> ids, ZoneId zone, Function<String, AdminModel> admin) {
    return walk(sql, table, ids, zone, admin).stops;
  }

  /**
   * The domain's rows that deleting these rows of an accounts' table (users, groups) takes along or
   * leaves without them, followed through the domain's own cascades, one line per kind; those that
   * refuse it are {@link #referrers}, the accounts' own rows the accounts' to tell.
   */
  static List<String> dependents(
      Sql sql, String table, List<Long> ids, ZoneId zone, Function<String, AdminModel> admin) {
    return walk(sql, table, ids, zone, admin).goes;
  }

  /** What a walk from rows of another bundle's table tells of the domain's rows. */
  @FunctionalInterface
  interface Of<T> {
    List<T> of(
        Sql sql, String table, List<Long> ids, ZoneId zone, Function<String, AdminModel> admin);
  }

  private static Deletions walk(
      Sql sql, String table, List<Long> ids, ZoneId zone, Function<String, AdminModel> admin) {
    Deletions walk = new Deletions(sql, zone, admin);
    walk.deleted.put(table, new LinkedHashSet<>(ids));
    walk.follow(table, ids, null);
    return walk;
  }

  /**
   * Rows of a table of the domain's that refuse deleting the rows (a user's bookings).
   *
   * @param via the column they refer by, without {@code _id}
   * @param ids all of them, in id order
   * @param named the first {@link #NAMED} of them, id to name
   */
  record Referring(String table, String via, List<Long> ids, Map<Long, String> named) {}

  /**
   * The rows of the domain's tables whose foreign keys refuse deleting these rows of another
   * bundle's table (a user's, a group's), one entry per key: a confirmation names them.
   */
  static List<Referring> refusing(Sql sql, String table, List<Long> ids, ZoneId zone) {
    Deletions walk = new Deletions(sql, zone, t -> null);
    List<Referring> refusing = new ArrayList<>();
    for (Map<String, Object> key : walk.keys(table)) {
      String referring = (String) key.get("tbl");
      String column = (String) key.get("col");
      if (List.of("c", "n", "d").contains((String) key.get("rule"))
          || !Labels.TABLES.contains(referring)) {
        continue;
      }
      List<Long> found = walk.referring(referring, column, ids, Set.of());
      if (!found.isEmpty()) {
        // the owner is the user being deleted, or no one: not said again for each row
        refusing.add(
            new Referring(referring, via(column), found, walk.names(referring, found, false)));
      }
    }
    return refusing;
  }

  /**
   * {@link #refusing} as a confirmation names them: "2 bookings refer to it as owner: ...", with
   * what to do instead (a user is deactivated: README, "References to users and groups").
   *
   * @param admin the admin's model of each of the domain's tables
   */
  static List<AdminDesk.Referrers> referrers(
      Sql sql, String table, List<Long> ids, ZoneId zone, Function<String, AdminModel> admin) {
    String instead =
        table.equals("auth_user")
            ? "deactivate the user instead, or change those first"
            : "change those first";
    List<AdminDesk.Referrers> referrers = new ArrayList<>();
    Deletions words = new Deletions(sql, zone, admin);
    for (Referring found : refusing(sql, table, ids, zone)) {
      AdminModel model = admin.apply(found.table());
      int n = found.ids().size();
      String what =
          n
              + " "
              + words.noun(found.table(), n)
              + (n == 1 ? " refers to " : " refer to ")
              + (ids.size() == 1 ? "it" : "them")
              + " as "
              + found.via();
      referrers.add(
          new AdminDesk.Referrers(
              model.app(), model.name(), what, found.named(), n - found.named().size(), instead));
    }
    return referrers;
  }

  /** The foreign keys that refer to the table: the referring table, its column, the rule. */
  private List<Map<String, Object>> keys(String table) {
    return sql.rows(
        "SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confdeltype::text AS"
            + " rule FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid"
            + " AND a.attnum = c.conkey[1] WHERE c.contype = 'f'"
            + " AND c.confrelid = ?::regclass ORDER BY 1, 2",
        List.of(table));
  }

  /** The column a row refers by, in words: "internal contact" for {@code internal_contact_id}. */
  private static String via(String column) {
    return (column.endsWith("_id") ? column.substring(0, column.length() - 3) : column)
        .replace('_', ' ');
  }

  /**
   * The rows referring to these, deleted with {@code by} (null: the rows asked about): those a
   * cascade takes are followed in turn.
   */
  private void follow(String table, List<Long> ids, String by) {
    for (Map<String, Object> key : keys(table)) {
      String referring = (String) key.get("tbl");
      if (!Labels.TABLES.contains(table) && !Labels.TABLES.contains(referring)) {
        // from another bundle's rows (a user), that bundle's own (its tokens) are its desk's to
        // tell
        continue;
      }
      String column = (String) key.get("col");
      String rule = (String) key.get("rule");
      String via = via(column);
      Set<Long> gone = deleted.getOrDefault(referring, Set.of());
      List<Long> found = referring(referring, column, ids, gone);
      if (found.isEmpty()) {
        continue;
      }
      int n = found.size();
      String what = n + " " + noun(referring, n);
      String names = named(referring, found, true);
      switch (rule) {
        case "c" -> {
          goes.add(what + " (by " + via + ") will be deleted too" + names);
          deleted.computeIfAbsent(referring, t -> new LinkedHashSet<>()).addAll(found);
          follow(referring, found, noun(referring, 1));
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

  /**
   * ": a, b, c and 4 more": the rows' names, a bounded list of them; with {@code owners}, a
   * booking's or reservation's owner after its name, as their lists show it: one host's bookings
   * are told apart by whose they are.
   */
  private String named(String table, List<Long> ids, boolean owners) {
    List<String> parts = new ArrayList<>(names(table, ids, owners).values());
    String rest = ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "";
    return ": " + String.join("; ", parts) + rest;
  }

  /** The first {@link #NAMED} rows by name, in their order ({@code #id} for one gone). */
  private Map<Long, String> names(String table, List<Long> ids, boolean owners) {
    List<Long> shown = ids.subList(0, Math.min(NAMED, ids.size()));
    // named as everywhere else (a booking as its host and start), not in words of their own
    String label = Labels.labelOf(table, zone);
    if (owners && OWNED.contains(table)) {
      label +=
          " || coalesce(' (owner ' || (SELECT u.username FROM accounts_user_v1 u"
              + " WHERE u.id = x.owner_id) || ')', '')";
    }
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
    Map<Long, String> named = new LinkedHashMap<>();
    shown.forEach(id -> named.put(id, names.getOrDefault(id, "#" + id)));
    return named;
  }

  /**
   * One or several rows of a table as the admin calls them ("NIC", "NICs"); a table the admin does
   * not show, by its model's name.
   */
  private String noun(String table, int n) {
    AdminModel model = admin.apply(table);
    if (model != null) {
      return n == 1 ? model.singular() : model.pluralInSentence();
    }
    String name = Catalog.modelName(table).replace('_', ' ');
    return n == 1 ? name : name + "s";
  }

  /** An identifier from the catalog, quoted for SQL. */
  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
