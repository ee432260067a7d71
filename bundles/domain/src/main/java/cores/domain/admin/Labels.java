package cores.domain.admin;

import cores.api.config.SiteZone;
import cores.domain.loans.Loans;
import cores.domain.sql.Sql;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the admin names a row of each table it shows or refers to (a rack as its lab and number, a
 * booking as its host and start in the site's zone), and the SQL that reads those names: labels of
 * some rows, labels as subqueries of a list statement, and the objects a form or a list's filter
 * offers. Identifiers in SQL come from the catalog, never from input.
 */
final class Labels {
  /**
   * The label of a row of each table the models refer to, as SQL over the alias {@code x}; those
   * with a time in them are {@link #timed}.
   */
  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("inventory_building", "x.code"),
          Map.entry("inventory_lab", "x.name"),
          Map.entry(
              "inventory_rack",
              "(SELECT l.name FROM inventory_lab l WHERE l.id = x.lab_id) || ' rack ' || x.number"),
          Map.entry("inventory_hosttype", "x.name"),
          Map.entry("inventory_hosthardware", "x.name"),
          Map.entry("inventory_hdvendor", "x.vendor"),
          Map.entry("inventory_cardtype", "x.name"),
          Map.entry(
              "inventory_card",
              "(SELECT t.name FROM inventory_cardtype t WHERE t.id = x.cardtype_id)"
                  + " || coalesce(' ' || nullif(x.asset_no, ''), ' #' || x.id)"),
          Map.entry("inventory_host", "x.hostname"),
          Map.entry("inventory_nic", "x.mac::text"),
          Map.entry("accounts_user_v1", "x.username"),
          Map.entry("accounts_group_v1", "x.name"),
          Map.entry(
              "booking_bookable",
              "(SELECT h.hostname FROM inventory_host h WHERE h.id = x.host_id)"),
          Map.entry("notices_notice", "x.title"),
          Map.entry("loans_customer", "x.name"),
          Map.entry("live_scanconflict", conflictLabel()),
          Map.entry(
              "live_offlinehostwarning",
              "(SELECT h.hostname FROM inventory_host h WHERE h.id = x.host_id) || ' offline'"),
          Map.entry("live_ignoredmac", "x.mac::text"),
          Map.entry("live_virtualhost", "x.mac::text"),
          Map.entry("loans_loan", Loans.LABEL));

  /** The labels with a time in them, as SQL over the alias {@code x} in a zone. */
  private static final Map<String, Function<ZoneId, String>> TIMED =
      Map.of(
          "booking_booking", Labels::holdLabel,
          "booking_reservation", Labels::holdLabel,
          "live_scansession", zone -> "x.agent || ' at ' || " + timed("x.scanned", zone));

  /** The tables whose rows the admin names. */
  static final Set<String> TABLES = tables();

  private static Set<String> tables() {
    Set<String> tables = new LinkedHashSet<>(LABELS.keySet());
    tables.addAll(TIMED.keySet());
    return Set.copyOf(tables);
  }

  /**
   * A scan conflict's label (over the alias x): its kind and what it is about, without the word
   * "conflict" that its model's name already says: "unknown device 00:50:56:00:00:02 at 10.0.0.9",
   * "NIC 00:50:56:00:00:01 of web01 seen at 10.0.0.7", "location of web01 (seen in Lab B)".
   */
  private static String conflictLabel() {
    String nic = "(SELECT %s FROM inventory_nic n%s WHERE n.id = x.nic_id)";
    return "CASE x.kind WHEN 'unknown' THEN 'unknown device ' || x.mac::text"
        + " || coalesce(' at ' || host(x.ip), '')"
        + " WHEN 'nic' THEN 'NIC ' || coalesce("
        + String.format(nic, "n.mac::text", "")
        + ", '#' || x.nic_id) || coalesce(' of ' || "
        + String.format(nic, "h.hostname", " JOIN inventory_host h ON h.id = n.host_id")
        + ", '') || coalesce(' seen at ' || host(x.ip), '')"
        + " ELSE 'location of ' || coalesce((SELECT h.hostname FROM inventory_host h"
        + " WHERE h.id = x.host_id), '#' || x.host_id)"
        + " || coalesce(' (seen in ' || (SELECT l.name FROM inventory_lab l"
        + " WHERE l.id = x.lab_id) || ')', '') END";
  }

  /** A booking's or reservation's label (over the alias x): its host and start. */
  private static String holdLabel(ZoneId zone) {
    return "(SELECT h.hostname FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
        + " WHERE b.id = x.bookable_id) || ' from ' || "
        + timed("x.start_time", zone);
  }

  /**
   * A time column as labels show it, as every admin time ({@link SiteZone#WHEN}): in the site's
   * zone with its name, "2026-12-06 18:00:00 Europe/Zurich". The zone's id comes from the
   * configuration (letters, digits, {@code /_+-}).
   */
  private static String timed(String column, ZoneId zone) {
    String id = zoneName(zone);
    return "to_char("
        + column
        + " AT TIME ZONE '"
        + id
        + "', '"
        + SiteZone.SQL_WHEN
        + "') || ' "
        + id
        + "'";
  }

  /** The zone's name as PostgreSQL knows it (UTC, not Java's Z), quoted for a literal. */
  static String zoneName(ZoneId zone) {
    return (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()).replace("'", "''");
  }

  /** The labels of some rows of a table, times in the zone. */
  static Map<Long, String> labels(Sql sql, String table, List<Long> ids, ZoneId zone) {
    return named(sql, table, " WHERE x.id = ANY (?::bigint[])", List.of(Sql.array(ids)), zone);
  }

  /** The labels of the ids whose rows exist, in their order. */
  static Map<Long, String> existing(Sql sql, String table, Collection<Long> ids, ZoneId zone) {
    Map<Long, String> found = labels(sql, table, List.copyOf(ids), zone);
    Map<Long, String> existing = new LinkedHashMap<>();
    ids.stream().filter(found::containsKey).forEach(id -> existing.put(id, found.get(id)));
    return existing;
  }

  /** The label of each id, in their order: {@code #id} for a row that no longer exists. */
  static Map<Long, String> ofEach(Sql sql, String table, Collection<Long> ids, ZoneId zone) {
    Map<Long, String> found = labels(sql, table, List.copyOf(ids), zone);
    Map<Long, String> labels = new LinkedHashMap<>();
    ids.forEach(id -> labels.put(id, found.getOrDefault(id, "#" + id)));
    return labels;
  }

  /** A plain column's name, as opposed to an expression (asked on every list page). */
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*|\"[a-z_][a-z0-9_]*\"");

  static boolean isColumn(String column) {
    return COLUMN.matcher(column).matches();
  }

  /**
   * The label of the row of {@code table} that {@code column} of {@code referring}'s current row
   * refers to, as a scalar subquery (null when there is none). A plain column is qualified with its
   * table, so that the subquery's own columns of that name do not hide it.
   */
  static String label(String table, String referring, String column, ZoneId zone) {
    String reference = isColumn(column) ? referring + "." + column : column;
    return "(SELECT "
        + labelOf(table, zone)
        + " FROM "
        + table
        + " x WHERE x.id = "
        + reference
        + ")";
  }

  /** How a row {@code x} of the table is named in lists and options, times in the zone. */
  static String labelOf(String table, ZoneId zone) {
    Function<ZoneId, String> timed = TIMED.get(table);
    return timed != null ? timed.apply(zone) : LABELS.getOrDefault(table, "x.id::text");
  }

  private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN) ([a-z_][a-z0-9_]*)");

  /** The tables a label of the table reads: the table itself and those its subqueries read. */
  static Set<String> labelTables(String table) {
    Set<String> tables = new LinkedHashSet<>();
    tables.add(table);
    // the tables read are the same in every zone
    tables.addAll(tablesRead(labelOf(table, ZoneOffset.UTC)));
    return tables;
  }

  /**
   * The columns a label of the table reads when it is one column of the row ({@code x.hostname}),
   * else none: a label with subqueries or expressions reads more than its row's columns.
   */
  static Set<String> labelColumns(String table) {
    String label = labelOf(table, ZoneOffset.UTC);
    return label.startsWith("x.") && isColumn(label.substring(2))
        ? Set.of(label.substring(2))
        : Set.of();
  }

  /** The tables an expression of this catalog's reads through its subqueries. */
  static Set<String> tablesRead(String expression) {
    Set<String> tables = new LinkedHashSet<>();
    Matcher read = READ.matcher(expression);
    while (read.find()) {
      tables.add(read.group(1));
    }
    return tables;
  }

  /**
   * The rows of a table whose label holds {@code term}, ignoring case, at most {@code limit}: those
   * starting with it first, then the others, each by label (id to label). Two statements, the first
   * ordered as a lowercased label's index reads (a host's, a user's: the database sorts bytewise),
   * the second only when the first found too few (a trigram index serves a host's).
   */
  static Map<Long, String> matching(Sql sql, String table, String term, int limit, ZoneId zone) {
    String label = labelOf(table, zone);
    String lower = "lower(" + label + ")";
    String sought = likeEscaped(term == null ? "" : term.strip().toLowerCase(Locale.ROOT));
    Map<Long, String> found =
        named(
            sql,
            table,
            " WHERE " + lower + " LIKE ? ORDER BY " + lower + ", x.id LIMIT ?",
            List.of(sought + "%", Math.max(0, limit)),
            zone);
    if (found.size() < limit && !sought.isEmpty()) {
      found.putAll(
          named(
              sql,
              table,
              " WHERE "
                  + label
                  + " ILIKE ? AND "
                  + lower
                  + " NOT LIKE ? ORDER BY "
                  + lower
                  + ", x.id LIMIT ?",
              List.of("%" + sought + "%", sought + "%", limit - found.size()),
              zone));
    }
    return found;
  }

  /** A term for LIKE that matches itself: its wildcards and escapes escaped. */
  static String likeEscaped(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * A reference filter of a list: the objects of {@code table} that rows of {@code referring} refer
   * to through {@code column} (a column or an expression over that table's row). A list's filter
   * offers only those, as Django's related-only filter does, instead of every host or user.
   */
  record Used(String table, String referring, String column) {}

  /**
   * The options of several reference filters, each its first {@code limit} objects by label (id to
   * label), in one statement: a list page shows them all.
   */
  static List<Map<Long, String>> usedOptions(Sql sql, List<Used> filters, int limit, ZoneId zone) {
    List<Map<Long, String>> options = new ArrayList<>();
    if (filters.isEmpty()) {
      return options;
    }
    List<String> branches = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      Used used = filters.get(i);
      branches.add(
          "(SELECT "
              + i
              + " AS f, x.id, "
              + labelOf(used.table(), zone)
              + " AS label FROM "
              + used.table()
              + " x WHERE x.id IN (SELECT "
              + used.column()
              + " FROM "
              + referred(used)
              + ") ORDER BY 3, 2 LIMIT ?)");
      params.add(limit);
      options.add(new LinkedHashMap<>());
    }
    // one row a filter, its objects as two arrays: hundreds of rows read one by one cost the
    // driver far more than parsing the arrays
    for (Map<String, Object> row :
        sql.rows(
            "SELECT f, array_agg(id ORDER BY label, id) AS ids,"
                + " array_agg(label ORDER BY label, id) AS labels FROM ("
                + String.join(" UNION ALL ", branches)
                + ") o GROUP BY f",
            params)) {
      Map<Long, String> filter = options.get(((Number) row.get("f")).intValue());
      List<?> ids = (List<?>) row.get("ids");
      List<?> labels = (List<?>) row.get("labels");
      for (int i = 0; i < ids.size(); i++) {
        filter.put(((Number) ids.get(i)).longValue(), String.valueOf(labels.get(i)));
      }
    }
    return options;
  }

  /**
   * What a filter's column is read from. A plain column: the referring table's rows that have one
   * (IS NOT NULL: never an option, and it lets a partial index on the column serve the lookup). A
   * derived column: the distinct values of the referring table's columns it reads, under the
   * table's name, so that its subquery runs once a value (a host's lab once a rack: a few hundred
   * times rather than once for each of 5,000 hosts, which took tens of ms); its subquery then reads
   * the same, as the catalog qualifies the row's columns with the table's name.
   */
  private static String referred(Used used) {
    if (isColumn(used.column())) {
      return used.referring() + " WHERE " + used.column() + " IS NOT NULL";
    }
    Set<String> columns = rowColumns(used.referring(), used.column());
    if (columns.isEmpty()) {
      return used.referring();
    }
    return "(SELECT DISTINCT "
        + String.join(", ", columns)
        + " FROM "
        + used.referring()
        + ") AS "
        + used.referring();
  }

  /** The columns of {@code table}'s row that an expression reads, qualified with its name. */
  static Set<String> rowColumns(String table, String expression) {
    Set<String> columns = new LinkedHashSet<>();
    Matcher column =
        Pattern.compile("\\b" + Pattern.quote(table) + "\\.(\"?[a-z_][a-z0-9_]*\"?)")
            .matcher(expression);
    while (column.find()) {
      columns.add(column.group(1));
    }
    return columns;
  }

  /** Rows {@code x} of a table by id with their labels, in the order {@code rest} gives. */
  private static Map<Long, String> named(
      Sql sql, String table, String rest, List<?> params, ZoneId zone) {
    Map<Long, String> named = new LinkedHashMap<>();
    for (Map<String, Object> row :
        sql.rows(
            "SELECT x.id, " + labelOf(table, zone) + " AS label FROM " + table + " x" + rest,
            params)) {
      named.put((Long) row.get("id"), String.valueOf(row.get("label")));
    }
    return named;
  }
}
