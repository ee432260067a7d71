package cores.domain.admin;

import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Checked;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The reference filters' options of the admin lists, kept between requests (a list page shows
 * hundreds of them, and they change far less often than they are shown). Options are served again
 * only while they are provably what {@link Catalog#usedOptions} would answer now:
 *
 * <ul>
 *   <li>no transaction that changed a table they read (the referring table, the referenced one and
 *       those its label reads) committed after the snapshot they were computed in ({@link
 *       ChangeMarkers}: this holds with several instances and without waiting for any message);
 *   <li>the objects shown of a referenced table without change markers (the accounts bundle's users
 *       and groups) still exist with the labels shown, checked in the same statement: such an
 *       object can only join the options through a change of the referring table, which is marked;
 *       a filter showing the limit of such objects is not kept (another could be renamed into the
 *       first ones unseen);
 *   <li>at most {@link #MAX_AGE}.
 * </ul>
 *
 * Checking costs one statement. Filters that cannot be checked so (a referring table without
 * markers, a derived column that reads an unmarked table or column, a label over an unmarked table)
 * are computed each time. One entry a list and set of filters, which the catalog bounds.
 */
final class FilterOptions {
  /** Far less than the day {@code domain_change} keeps its rows. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  private static final String SNAPSHOT = "SELECT " + ChangeMarkers.SNAPSHOT + " AS snapshot";

  /** The objects a label of an unmarked table shows, as they were. */
  private record Shown(String table, Long[] ids, String[] labels) {}

  private record Kept(
      List<Map<Long, String>> options,
      String snapshot,
      Set<String> tables,
      List<Shown> shown,
      Instant from) {}

  private final int limit;

  /** The site's, that of the times in labels (a booking's start). */
  private final ZoneId zone;

  private final Map<List<Labels.Used>, Kept> kept = new ConcurrentHashMap<>();

  /** Whether each filter can be checked ({@link #isCheckable}), asked on every list page. */
  private final Map<Labels.Used, Boolean> canCheck = new ConcurrentHashMap<>();

  /** What a request computing a set of filters' options holds, one a set. */
  private final Map<List<Labels.Used>, Object> computing = new ConcurrentHashMap<>();

  /** Options of at most {@code limit} objects a filter, as {@link Catalog#usedOptions}. */
  FilterOptions(int limit, ZoneId zone) {
    this.limit = limit;
    this.zone = zone;
  }

  /** The options of each filter at {@code now}, in their order; kept ones when still right. */
  List<Map<Long, String>> options(Sql sql, List<Labels.Used> filters, Instant now) {
    List<Labels.Used> checkable = new ArrayList<>();
    List<Labels.Used> other = new ArrayList<>();
    for (Labels.Used used : filters) {
      (checkable(used) ? checkable : other).add(used);
    }
    Map<Labels.Used, Map<Long, String>> found = new LinkedHashMap<>();
    List<Map<Long, String>> computed = Labels.usedOptions(sql, other, limit, zone);
    for (int i = 0; i < other.size(); i++) {
      found.put(other.get(i), computed.get(i));
    }
    if (!checkable.isEmpty()) {
      List<Map<Long, String>> options = kept(sql, checkable, now);
      for (int i = 0; i < checkable.size(); i++) {
        found.put(checkable.get(i), options.get(i));
      }
    }
    return filters.stream().map(found::get).toList();
  }

  /**
   * The kept options of the filters with the condition that proves them still right at {@code now},
   * for a check together with others ({@link Checked#all}); null when some filter cannot be checked
   * or nothing is kept.
   */
  Checked<List<Map<Long, String>>> kept(List<Labels.Used> filters, Instant now) {
    if (!filters.stream().allMatch(this::checkable)) {
      return null;
    }
    Kept page = fresh(List.copyOf(filters), now);
    return page == null ? null : check(page);
  }

  private Kept fresh(List<Labels.Used> key, Instant now) {
    Kept page = kept.get(key);
    return page != null && !now.isBefore(page.from()) && now.isBefore(page.from().plus(MAX_AGE))
        ? page
        : null;
  }

  private List<Map<Long, String>> kept(Sql sql, List<Labels.Used> filters, Instant now) {
    List<Labels.Used> key = List.copyOf(filters);
    Kept page = fresh(key, now);
    if (page != null && Checked.all(sql, List.of(check(page)))) {
      return page.options();
    }
    // computed by one request at a time: after a write, the pages asked meanwhile wait for its
    // options and find them kept, instead of each computing the same (tens of ms on 5,000 hosts)
    synchronized (computing.computeIfAbsent(key, k -> new Object())) {
      page = fresh(key, now);
      if (page != null && Checked.all(sql, List.of(check(page)))) {
        return page.options();
      }
      return compute(sql, key, now);
    }
  }

  /** The options computed now, kept when they can be checked later. */
  private List<Map<Long, String>> compute(Sql sql, List<Labels.Used> filters, Instant now) {
    String snapshot = (String) sql.row(SNAPSHOT, List.of()).get("snapshot");
    List<Map<Long, String>> options =
        Labels.usedOptions(sql, filters, limit, zone).stream()
            .map(Collections::unmodifiableMap)
            .toList();
    Set<String> tables = new LinkedHashSet<>();
    List<Shown> shown = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < filters.size(); i++) {
      Labels.Used used = filters.get(i);
      tables.addAll(markers(used));
      if (!ChangeMarkers.TABLES.contains(used.table())) {
        Map<Long, String> objects = options.get(i);
        complete &= objects.size() < limit;
        shown.add(
            new Shown(
                used.table(),
                objects.keySet().toArray(Long[]::new),
                objects.values().toArray(String[]::new)));
      }
    }
    if (complete) {
      kept.put(filters, new Kept(options, snapshot, Set.copyOf(tables), List.copyOf(shown), now));
    } else {
      kept.remove(filters);
    }
    return options;
  }

  /**
   * Whether the filter's options can be checked by change markers and labels: a referring column of
   * a marked table, or a derived one (a host's lab through its rack) that reads marked columns of
   * marked tables only, and labels that read marked tables, or only the referenced one.
   */
  private boolean checkable(Labels.Used used) {
    return canCheck.computeIfAbsent(used, FilterOptions::isCheckable);
  }

  private static boolean isCheckable(Labels.Used used) {
    Set<String> columnTables = columnTables(used);
    if (!ChangeMarkers.TABLES.containsAll(columnTables)) {
      return false;
    }
    if (!Labels.isColumn(used.column())) {
      // a derived column: none of the bookkeeping columns whose updates are not marked
      for (String table : columnTables) {
        for (String name : ChangeMarkers.UNMARKED_COLUMNS.getOrDefault(table, Set.of())) {
          if (Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(used.column()).find()) {
            return false;
          }
        }
      }
    }
    Set<String> read = Labels.labelTables(used.table());
    if (ChangeMarkers.TABLES.contains(used.table())) {
      return ChangeMarkers.TABLES.containsAll(read);
    }
    return read.equals(Set.of(used.table()));
  }

  /**
   * The tables the referring column reads: its own, and those a derived column's subqueries read.
   */
  private static Set<String> columnTables(Labels.Used used) {
    Set<String> tables = new LinkedHashSet<>();
    tables.add(used.referring());
    tables.addAll(Labels.tablesRead(used.column()));
    return tables;
  }

  /**
   * The markers that a filter's options are checked by: of the referring table's columns that the
   * options read ({@link Labels#usedOptions} reads just those of its rows), of the tables a derived
   * column's subqueries read, and of the columns the label reads of the referenced table (or the
   * tables it reads); none of a referenced table without markers, whose labels are compared.
   */
  private static Set<String> markers(Labels.Used used) {
    Set<String> markers = new LinkedHashSet<>();
    if (Labels.isColumn(used.column())) {
      markers.addAll(ChangeMarkers.of(used.referring(), Set.of(used.column())));
    } else {
      markers.addAll(
          ChangeMarkers.of(used.referring(), Labels.rowColumns(used.referring(), used.column())));
      markers.addAll(Labels.tablesRead(used.column()));
    }
    if (ChangeMarkers.TABLES.contains(used.table())) {
      Set<String> label = Labels.labelColumns(used.table());
      if (label.isEmpty()) {
        markers.addAll(Labels.labelTables(used.table()));
      } else {
        markers.addAll(ChangeMarkers.of(used.table(), label));
      }
    }
    return markers;
  }

  /** The kept options and what proves them still right: one statement with others. */
  private Checked<List<Map<Long, String>>> check(Kept page) {
    StringBuilder check = new StringBuilder(ChangeMarkers.UNCHANGED);
    List<Object> params = new ArrayList<>(ChangeMarkers.unchanged(page.tables(), page.snapshot()));
    for (Shown shown : page.shown()) {
      check
          .append(" AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::text[]) AS o(id, label)")
          .append(" LEFT JOIN ")
          .append(shown.table())
          .append(" x ON x.id = o.id WHERE (")
          .append(Labels.labelOf(shown.table(), zone))
          .append(")::text IS DISTINCT FROM o.label)");
      params.add(shown.ids());
      params.add(shown.labels());
    }
    return new Checked<>(page.options(), check.toString(), params);
  }
}
