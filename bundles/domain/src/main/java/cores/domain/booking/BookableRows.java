package cores.domain.booking;

import cores.domain.inventory.Names;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every bookable's row of the search as it stands apart from the time (host, hardware, rack, lab,
 * building, cards), with what the filters test and each order's place, read in one statement. The
 * places come from PostgreSQL ({@code dense_rank()} over {@code lower(hostname)} under the
 * database's collation and over the {@code inet} order), so Java compares numbers and never
 * reimplements a collation. Immutable; {@link SearchCache} says when it is read again.
 */
final class BookableRows {
  /** The row's columns before the booking's, in the answer's order. */
  static final List<String> COLUMNS =
      List.of(
          "id",
          "host",
          "status",
          "comment",
          "hostname",
          "ip",
          "hardware",
          "rack",
          "hardware_id",
          "hardware_name",
          "rack_id",
          "rack_number",
          "lab",
          "lab_name",
          "building",
          "building_code");

  /**
   * The tables the rows are read from, whose change markers say when they must be read again
   * (building and host type for the rack's and the hardware's names).
   */
  static final List<String> TABLES =
      List.of(
          "booking_bookable",
          "inventory_host",
          "inventory_rack",
          "inventory_lab",
          "inventory_building",
          "inventory_hosthardware",
          "inventory_hosttype",
          "inventory_card",
          "inventory_cardtype");

  /**
   * The snapshot in the same statement as the rows (one row {@code s} there even without
   * bookables), so a change committed after it counts as later. The cards are aggregated once per
   * host rather than probed per bookable.
   */
  private static final String READ =
      "SELECT s.snapshot, p.* FROM (SELECT pg_current_snapshot()::text AS snapshot) s"
          + " LEFT JOIN (SELECT b.id, b.host_id AS host, b.status, b.comment, h.hostname,"
          + " host(h.ip) AS ip, "
          + Names.hardware("hw", "ht")
          + " AS hardware, "
          + Names.rack("r.number", "l", "bd")
          + " AS rack,"
          + " hw.id AS hardware_id, hw.name AS hardware_name, h.rack_id, r.number AS rack_number,"
          + " l.id AS lab, l.name AS lab_name, bd.id AS building, bd.code AS building_code,"
          + " cd.card_ids, cd.card_types, cd.card_details, h.owner_id, h.group_id,"
          + " hw.host_type_id, dense_rank() OVER (ORDER BY lower(h.hostname)) AS name_place,"
          + " CASE WHEN h.ip IS NOT NULL THEN dense_rank() OVER (ORDER BY h.ip) END AS ip_place"
          + " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
          + Names.HOST_PLACE
          + " LEFT JOIN (SELECT c.host_id, array_agg(c.id ORDER BY c.id) AS card_ids,"
          + " array_agg(ct.name ORDER BY c.id) AS card_types,"
          + " array_agg(c.details ORDER BY c.id) AS card_details"
          + " FROM inventory_card c JOIN inventory_cardtype ct ON ct.id = c.cardtype_id"
          + " GROUP BY c.host_id) cd ON cd.host_id = h.id) p ON true";

  /**
   * One bookable. Ids that may be missing are -1 then (no row has that id), so that testing a
   * filter reads no boxed value.
   *
   * @param index its place in the order of reading (for what is kept beside the rows by place)
   * @param values the {@link #COLUMNS}' values
   * @param cards the original's cards, {@code [{id, cardtype__name, details}]}
   * @param name the place of {@code lower(hostname)} (equal names equal places)
   * @param ip the place of the ip, or -1 without an ip
   */
  record Row(
      int index,
      Object[] values,
      List<Map<String, Object>> cards,
      long id,
      boolean active,
      long owner,
      long group,
      long lab,
      long building,
      long hardware,
      long hostType,
      long name,
      long ip) {}

  /** The orders of the search: by name, then id; the ip's with names and ids after it. */
  private static final Map<String, Comparator<Row>> ORDERS =
      Map.of(
          "hostname",
          Comparator.comparingLong(Row::name).thenComparingLong(Row::id),
          "-hostname",
          Comparator.comparingLong(Row::name).reversed().thenComparingLong(Row::id),
          "ip",
          Comparator.comparing(BookableRows::ip, Comparator.nullsLast(Comparator.naturalOrder()))
              .thenComparingLong(Row::name)
              .thenComparingLong(Row::id),
          "-ip",
          Comparator.comparing(
                  BookableRows::ip, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
              .thenComparingLong(Row::name)
              .thenComparingLong(Row::id));

  private static Long ip(Row row) {
    return row.ip() < 0 ? null : row.ip();
  }

  /** The snapshot the rows were read in ({@link cores.domain.sql.ChangeMarkers}). */
  final String snapshot;

  /** The request time they were read at. */
  final Instant readAt;

  /** The rows in each order of the search, by its name. */
  private final Map<String, Row[]> orders;

  private final Map<Long, Row> byId;

  private BookableRows(List<Row> rows, String snapshot, Instant readAt) {
    this.snapshot = snapshot;
    this.readAt = readAt;
    Map<String, Row[]> ordered = new HashMap<>();
    ORDERS.forEach(
        (name, order) -> {
          Row[] sorted = rows.toArray(Row[]::new);
          Arrays.sort(sorted, order);
          ordered.put(name, sorted);
        });
    this.orders = Map.copyOf(ordered);
    Map<Long, Row> ids = new HashMap<>();
    rows.forEach(row -> ids.put(row.id(), row));
    this.byId = ids;
  }

  /** The rows in the order of {@code ordering} (hostname, -hostname, ip or -ip). */
  Row[] in(String ordering) {
    return orders.get(ordering);
  }

  /** One bookable's row, or null. */
  Row row(long id) {
    return byId.get(id);
  }

  /** Every bookable's row, as it stands now; {@code now} is the request's time. */
  static BookableRows read(Sql sql, Instant now) {
    List<Map<String, Object>> read = sql.rows(READ, List.of());
    String snapshot = (String) read.get(0).get("snapshot");
    List<Row> rows = new ArrayList<>(read.size());
    for (Map<String, Object> row : read) {
      if (row.get("id") == null) {
        continue; // s's row alone: no bookables
      }
      Object[] values = new Object[COLUMNS.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.get(COLUMNS.get(i));
      }
      rows.add(
          new Row(
              rows.size(),
              values,
              cards(row),
              (Long) row.get("id"),
              Bookables.ACTIVE.equals(row.get("status")),
              id(row.get("owner_id")),
              id(row.get("group_id")),
              id(row.get("lab")),
              id(row.get("building")),
              (Long) row.get("hardware_id"),
              id(row.get("host_type_id")),
              (Long) row.get("name_place"),
              id(row.get("ip_place"))));
    }
    return new BookableRows(rows, snapshot, now);
  }

  private static long id(Object value) {
    return value instanceof Long id ? id : -1;
  }

  /** The number of bookables. */
  int size() {
    return byId.size();
  }

  /** The card arrays zipped into the original's list, shared by every answer. */
  private static List<Map<String, Object>> cards(Map<String, Object> row) {
    List<?> ids = list(row.get("card_ids"));
    List<?> types = list(row.get("card_types"));
    List<?> details = list(row.get("card_details"));
    List<Map<String, Object>> cards = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Map<String, Object> card = new LinkedHashMap<>();
      card.put("id", ids.get(i));
      card.put("cardtype__name", types.get(i));
      card.put("details", details.get(i));
      cards.add(Collections.unmodifiableMap(card));
    }
    return List.copyOf(cards);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }
}
