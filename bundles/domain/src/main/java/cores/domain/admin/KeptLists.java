package cores.domain.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminDesk.Rows;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Checked;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin lists' pages (rows and count), read in one statement and kept between requests: staff
 * page through the same lists far more often than their rows change. A kept page is served again
 * only while it is provably what the statement would answer now, checked in one statement:
 *
 * <ul>
 *   <li>no transaction that changed a table the statement reads committed after the snapshot it was
 *       read in ({@link ChangeMarkers}: right with several instances, without any message);
 *   <li>of the tables without markers: the labels shown of a referenced table of the accounts
 *       bundle (users, groups) are those of its rows now, and the rows a search finds through
 *       another table (a host's NICs' MACs) are those it finds now;
 *   <li>the values shown of a column whose updates alone are not marked (a host's {@code lastseen},
 *       written by every scan) are its values now; a list ordered or filtered by one is not kept;
 *   <li>at most {@link #MAX_AGE}.
 * </ul>
 *
 * Lists that read anything else (derived columns over unmarked tables, times relative to now) are
 * read each time. At most {@link #MAX_KEPT} pages are kept, the least recently served dropped.
 */
final class KeptLists {
  /** Far less than the day {@code domain_change} keeps its rows. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  static final int MAX_KEPT = 256;

  /** A search that finds more rows through another table is not kept (the check carries them). */
  private static final int MAX_ELSEWHERE = 1000;

  /** The list statement's column of the count of all matches, and the prefix of its labels. */
  private static final String COUNT = "cores_count";

  private static final String LABEL = "label:";

  /** The tables a statement reads. */
  private static final Pattern READ =
      Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  private record Key(
      String model, String search, Map<String, String> filters, String sort, int page) {}

  /**
   * How a list statement is checked: the marked tables it reads, the shown reference columns of
   * unmarked tables (their labels compared), the shown unmarked columns (their values compared),
   * and what its search finds elsewhere (pattern to query).
   */
  private record Plan(
      String table,
      Set<String> tables,
      List<Field> labelled,
      List<Field> unmarked,
      Map<String, String> elsewhere) {}

  /**
   * Values shown of rows of a table: {@code expression} over its row {@code x}, of SQL type {@code
   * type}, compared with the shown values (as text) by id.
   */
  private record Shown(String table, String expression, String type, Long[] ids, String[] values) {}

  /** The rows a search found through another table: its query, its pattern, the ids found. */
  private record Elsewhere(String query, String like, Long[] ids) {}

  private record Kept(
      Rows rows,
      String snapshot,
      Set<String> tables,
      List<Shown> shown,
      List<Elsewhere> elsewhere,
      Instant from) {}

  private final Recent<Key, Kept> kept = new Recent<>(MAX_KEPT);

  /** The site's, in which the lists show times and the labels of bookings. */
  private final ZoneId zone;

  KeptLists(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The kept page with the condition that proves it still right at {@code now}, for a check
   * together with others ({@link Checked#all}); null when none is kept.
   */
  Checked<Rows> kept(
      Model model,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      Instant now) {
    // The key holds all that the statement, its validation and its plan are made of (the search's
    // words, the model's filters that are set, the sort): a page is kept under it only after
    // rows() made them and found a plan, so neither needs making again here.
    Kept page0 = fresh(key(model, admin, search, filters, sort, page), now);
    return page0 == null ? null : check(page0);
  }

  private static Key key(
      Model model,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int page) {
    return new Key(
        model.name(),
        search == null ? "" : search.strip(),
        chosen(admin, filters),
        sort == null ? "" : sort,
        page);
  }

  private Kept fresh(Key key, Instant now) {
    Kept page = kept.get(key);
    return page != null && !now.isBefore(page.from()) && now.isBefore(page.from().plus(MAX_AGE))
        ? page
        : null;
  }

  /** A page of the model's list, as {@link AdminDesk#list} answers it; a kept one when right. */
  Rows rows(
      Sql sql,
      Model model,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      Instant now) {
    List<Object> params = new ArrayList<>();
    String where = ListSql.where(model, admin, search, filters, params);
    String order = ListSql.order(model, admin, sort);
    String select = select(model, admin, where, order);
    Plan plan = plan(model, admin, select, where + " " + order, search);
    Key key = plan == null ? null : key(model, admin, search, filters, sort, page);
    if (key != null) {
      Kept page0 = fresh(key, now);
      if (page0 != null && Checked.all(sql, List.of(check(page0)))) {
        return page0.rows();
      }
    }
    // before the page: what changes after it counts as later, never as earlier
    Map<String, Object> before = plan == null ? null : before(sql, plan);
    int offset = Math.max(0, page - 1) * AdminDesk.PAGE_SIZE;
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(AdminDesk.PAGE_SIZE);
    pageParams.add(offset);
    List<Map<String, Object>> read = sql.rows(select, pageParams);
    long count;
    if (!read.isEmpty()) {
      count = (Long) read.get(0).get(COUNT);
    } else if (offset == 0) {
      count = 0;
    } else {
      // a page past the end has no row to carry the count
      count = (Long) sql.row("SELECT count(*) AS n FROM " + model.table() + where, params).get("n");
    }
    Rows rows = new Rows(count, shown(model, admin, read));
    if (key != null) {
      Kept found = kept(plan, before, read, rows, now);
      if (found == null) {
        kept.remove(key);
      } else {
        kept.put(key, found);
      }
    }
    return rows;
  }

  /**
   * One statement: the page, its reference columns' labels, and the count of all matches (a window
   * over them, taken before the LIMIT), so that the search runs once.
   */
  private String select(Model model, AdminModel admin, String where, String order) {
    StringBuilder select = new StringBuilder("SELECT ").append(Inventory.columns(model));
    for (String column : admin.columns()) {
      Field field = model.field(column).orElseThrow();
      if (field.kind() == Kind.REF) {
        select
            .append(", ")
            .append(Labels.label(field.target(), model.table(), field.column(), zone))
            .append(" AS \"")
            .append(LABEL)
            .append(column)
            .append('"');
      }
    }
    return select
        .append(", count(*) OVER () AS ")
        .append(COUNT)
        .append(" FROM ")
        .append(model.table())
        .append(where)
        .append(" ORDER BY ")
        .append(order)
        .append(" LIMIT ? OFFSET ?")
        .toString();
  }

  /** The filters that narrow the list, by name: the key of a page. */
  private static Map<String, String> chosen(AdminModel admin, Map<String, String> filters) {
    Map<String, String> chosen = new TreeMap<>();
    for (String name : admin.filters()) {
      String value = filters.get(name);
      if (value != null && !value.isBlank()) {
        chosen.put(name, value);
      }
    }
    return Map.copyOf(chosen);
  }

  /** How the statement is checked, or null when it reads what no check covers. */
  private static Plan plan(
      Model model, AdminModel admin, String select, String narrowing, String search) {
    String lower = select.toLowerCase(Locale.ROOT);
    if (lower.contains("now()") || lower.contains("current_")) {
      return null;
    }
    Set<String> covered = new LinkedHashSet<>();
    List<Field> labelled = new ArrayList<>();
    List<Field> unmarked = new ArrayList<>();
    Set<String> own = ChangeMarkers.UNMARKED_COLUMNS.getOrDefault(model.table(), Set.of());
    for (String name : own) {
      if (mentions(narrowing, name)) {
        return null;
      }
    }
    for (String column : admin.columns()) {
      Field field = model.field(column).orElseThrow();
      if (own.contains(field.column())) {
        if (field.kind() != Kind.TIME || !PLAIN.matcher(field.column()).matches()) {
          return null;
        }
        unmarked.add(field);
      } else if (field.kind() == Kind.REF && !ChangeMarkers.TABLES.contains(field.target())) {
        if (!Labels.labelTables(field.target()).equals(Set.of(field.target()))) {
          return null;
        }
        labelled.add(field);
        covered.add(field.target());
      }
    }
    Map<String, String> elsewhere = ListSql.searchedElsewhere(model, search);
    elsewhere.values().forEach(query -> covered.addAll(read(query)));
    Set<String> tables = new LinkedHashSet<>();
    for (String table : read(select)) {
      if (ChangeMarkers.TABLES.contains(table)) {
        tables.add(table);
        // another table's bookkeeping column read through a subquery is not covered
        if (!table.equals(model.table())) {
          for (String name : ChangeMarkers.UNMARKED_COLUMNS.getOrDefault(table, Set.of())) {
            if (mentions(select, name)) {
              return null;
            }
          }
        }
      } else if (!covered.contains(table)) {
        return null;
      }
    }
    return new Plan(
        model.table(), Set.copyOf(tables), List.copyOf(labelled), List.copyOf(unmarked), elsewhere);
  }

  private static boolean mentions(String sql, String column) {
    return Pattern.compile("\\b" + Pattern.quote(column) + "\\b").matcher(sql).find();
  }

  /** The tables a statement reads. */
  private static Set<String> read(String sql) {
    Set<String> tables = new LinkedHashSet<>();
    Matcher read = READ.matcher(sql);
    while (read.find()) {
      tables.add(read.group(1).toLowerCase(Locale.ROOT));
    }
    return tables;
  }

  /** The snapshot, and the ids each word of the search finds elsewhere, in one statement. */
  private static Map<String, Object> before(Sql sql, Plan plan) {
    StringBuilder before = new StringBuilder("SELECT ").append(ChangeMarkers.SNAPSHOT);
    before.append(" AS snapshot");
    List<Object> params = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> query : plan.elsewhere().entrySet()) {
      before.append(", ").append(found(query.getValue())).append(" AS e").append(i++);
      params.add(query.getKey());
    }
    return sql.row(before.toString(), params);
  }

  /** The distinct ids a query finds (its one parameter the pattern), in order. */
  private static String found(String query) {
    return "ARRAY(SELECT DISTINCT s.id FROM ("
        + query
        + ") AS s(id) WHERE s.id IS NOT NULL"
        + " ORDER BY 1)";
  }

  /** What the check compares, from the rows read; null when the page cannot be kept. */
  private Kept kept(
      Plan plan,
      Map<String, Object> before,
      List<Map<String, Object>> read,
      Rows rows,
      Instant now) {
    List<Shown> shown = new ArrayList<>();
    for (Field field : plan.labelled()) {
      List<Long> ids = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (Map<String, Object> row : read) {
        if (row.get(field.name()) instanceof Long id) {
          Object label = row.get(LABEL + field.name());
          ids.add(id);
          labels.add(label == null ? null : String.valueOf(label));
        }
      }
      shown.add(
          new Shown(
              field.target(),
              Labels.labelOf(field.target(), zone),
              "text",
              ids.toArray(Long[]::new),
              labels.toArray(String[]::new)));
    }
    for (Field field : plan.unmarked()) {
      List<Long> ids = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (Map<String, Object> row : read) {
        Object value = row.get(field.name());
        ids.add((Long) row.get("id"));
        values.add(value == null ? null : ((Instant) value).toString());
      }
      shown.add(
          new Shown(
              plan.table(),
              "x." + field.column(),
              "timestamptz",
              ids.toArray(Long[]::new),
              values.toArray(String[]::new)));
    }
    List<Elsewhere> elsewhere = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> query : plan.elsewhere().entrySet()) {
      List<?> ids = (List<?>) before.get("e" + i++);
      if (ids.size() > MAX_ELSEWHERE) {
        return null;
      }
      elsewhere.add(
          new Elsewhere(
              query.getValue(),
              query.getKey(),
              ids.stream().map(id -> ((Number) id).longValue()).toArray(Long[]::new)));
    }
    return new Kept(
        rows,
        (String) before.get("snapshot"),
        plan.tables(),
        List.copyOf(shown),
        List.copyOf(elsewhere),
        now);
  }

  /** The kept page and what proves it still right: one statement with others. */
  private static Checked<Rows> check(Kept page) {
    StringBuilder check = new StringBuilder(ChangeMarkers.UNCHANGED);
    List<Object> params = new ArrayList<>(ChangeMarkers.unchanged(page.tables(), page.snapshot()));
    for (Shown shown : page.shown()) {
      check
          .append(" AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::text[]) AS o(id, v)")
          .append(" LEFT JOIN ")
          .append(shown.table())
          .append(" x ON x.id = o.id WHERE (")
          .append(shown.expression())
          .append(")::")
          .append(shown.type())
          .append(" IS DISTINCT FROM o.v::")
          .append(shown.type())
          .append(')');
      params.add(shown.ids());
      params.add(shown.values());
    }
    for (Elsewhere elsewhere : page.elsewhere()) {
      check.append(" AND ").append(found(elsewhere.query())).append(" = ?::bigint[]");
      params.add(elsewhere.like());
      params.add(elsewhere.ids());
    }
    return new Checked<>(page.rows(), check.toString(), params);
  }

  /**
   * The list columns as text, references by their objects' labels, times as the admin shows them
   * (cores.api.config.SiteZone) in the site's zone.
   */
  private List<Map<String, String>> shown(
      Model model, AdminModel admin, List<Map<String, Object>> rows) {
    Set<String> references = new LinkedHashSet<>();
    for (String column : admin.columns()) {
      if (model.field(column).orElseThrow().kind() == Kind.REF) {
        references.add(column);
      }
    }
    List<Map<String, String>> shown = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, String> out = new LinkedHashMap<>();
      out.put("id", String.valueOf(row.get("id")));
      for (String column : admin.columns()) {
        Object value = row.get(column);
        if (value != null && references.contains(column)) {
          Object label = row.get(LABEL + column);
          out.put(column, label == null ? "#" + value : String.valueOf(label));
        } else if (value instanceof Boolean b) {
          out.put(column, b ? "yes" : "no");
        } else if (value instanceof Instant at) {
          out.put(column, SiteZone.WHEN.format(at.atZone(zone)));
        } else {
          out.put(column, value == null ? "" : String.valueOf(value));
        }
      }
      shown.add(out);
    }
    return shown;
  }
}
