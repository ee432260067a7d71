package cores.domain.sql;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether tables changed since a snapshot, for the caches of the domain (the bookable search's
 * pages, the admin lists' filter options, the REST API's inventory answers): migrations 015's and
 * 016's statement triggers add a row to {@code domain_change} for each transaction that changes a
 * marked table, visible exactly when the change is. A result computed after {@link #SNAPSHOT} is
 * still right while {@link #UNCHANGED} holds for the tables it read: with several instances too,
 * and without waiting for any message.
 */
public final class ChangeMarkers {
  /**
   * The tables that carry the trigger (updates of only bookkeeping columns, such as a host's {@code
   * lastseen} or a booking's reminder flags, do not count as changes: see {@link #HOST_LASTSEEN};
   * every change of a NIC counts, its lastseen too); a cache reading any other table must check it
   * in its own way.
   */
  public static final Set<String> TABLES =
      Set.of(
          "inventory_building",
          "inventory_lab",
          "inventory_rack",
          "inventory_hosttype",
          "inventory_hosthardware",
          "inventory_hdvendor",
          "inventory_cardtype",
          "inventory_card",
          "inventory_host",
          "inventory_nic",
          "booking_bookable",
          "booking_booking",
          "booking_reservation");

  /**
   * The marker of updates of a host's {@code lastseen} (migration 016), which {@code
   * inventory_host}'s own marker leaves out: a cache that shows it checks this too.
   */
  public static final String HOST_LASTSEEN = "inventory_host.lastseen";

  /**
   * Columns of marked tables with markers of their own (migration 018), {@code table.column},
   * beside the marker of which rows there are, {@link #rows}: a cache that reads only these columns
   * of the table's rows checks them ({@link #of}) and is not dropped by updates of the others (a
   * host's details, far more often written than what the admin's filter options show).
   */
  public static final Map<String, Set<String>> COLUMNS =
      Map.of(
          "inventory_host",
          Set.of(
              "hostname",
              "diskvendor_id",
              "hardware_id",
              "rack_id",
              "vm_host_id",
              "owner_id",
              "group_id"));

  /**
   * Columns of marked tables whose updates alone the table's own marker leaves out (migration 015:
   * the live ingest's and the booking jobs' bookkeeping, and a host's {@code status_since} of
   * migration 019, which changes with its marked status and which only the nightly job reads): a
   * cache that shows one compares its values itself or checks the column's own marker ({@link
   * #HOST_LASTSEEN}), and one that orders or filters by one is not kept.
   */
  public static final Map<String, Set<String>> UNMARKED_COLUMNS =
      Map.of(
          "inventory_host",
          Set.of("lastseen", "status_since"),
          "booking_booking",
          Set.of("start_reminder_sent", "end_reminder_sent", "ended_notice_sent"),
          "booking_reservation",
          Set.of("start_reminder_sent", "ended_notice_sent", "last_nag"));

  /**
   * The snapshot to compare later with, as text. Taken before the cached result is computed: a
   * change committed in between then counts as later (the result is computed once more), never as
   * earlier.
   */
  public static final String SNAPSHOT = "pg_current_snapshot()::text";

  /**
   * A condition: no transaction that changed one of the tables (the first parameter, an array)
   * committed after the snapshot (the second and third parameters, the same text).
   */
  public static final String UNCHANGED =
      "NOT EXISTS (SELECT 1 FROM domain_change WHERE tbl = ANY (?::text[])"
          + " AND xid >= pg_snapshot_xmin(?::pg_snapshot)"
          + " AND NOT pg_visible_in_snapshot(xid, ?::pg_snapshot))";

  private ChangeMarkers() {}

  /**
   * The parameters of {@link #UNCHANGED}: the tables (or {@link #HOST_LASTSEEN}, or markers of
   * {@link #of}) and snapshot.
   */
  public static List<Object> unchanged(Collection<String> tables, String snapshot) {
    for (String table : tables) {
      if (!TABLES.contains(table) && !HOST_LASTSEEN.equals(table) && !isColumnMarker(table)) {
        throw new IllegalArgumentException("No change markers for " + table);
      }
    }
    return List.of(tables.toArray(String[]::new), snapshot, snapshot);
  }

  /** The marker of a table's inserts, deletes and truncations (one with {@link #COLUMNS}). */
  public static String rows(String table) {
    return table + ":rows";
  }

  /**
   * The markers that a result reading only {@code columns} of a marked table's rows (and which rows
   * there are: ids are never updated) checks: the columns' own and {@link #rows} when all have one,
   * else the whole table's.
   */
  public static Set<String> of(String table, Collection<String> columns) {
    Set<String> own = COLUMNS.getOrDefault(table, Set.of());
    if (columns.isEmpty() || !own.containsAll(columns)) {
      return Set.of(table);
    }
    Set<String> markers = new LinkedHashSet<>();
    markers.add(rows(table));
    columns.forEach(column -> markers.add(table + "." + column));
    return markers;
  }

  private static boolean isColumnMarker(String marker) {
    for (Map.Entry<String, Set<String>> table : COLUMNS.entrySet()) {
      if (marker.equals(rows(table.getKey()))
          || marker.startsWith(table.getKey() + ".")
              && table.getValue().contains(marker.substring(table.getKey().length() + 1))) {
        return true;
      }
    }
    return false;
  }
}
