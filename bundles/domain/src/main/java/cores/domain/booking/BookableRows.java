package cores.domain.booking;

import cores.api.booking.BookableOrder;
import cores.api.web.JsonRow;
import cores.domain.inventory.Names;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** The tables whose changes {@link #refresh} cannot follow row by row: it reads all then. */
  private static final List<String> WHOLE_TABLES =
      List.of(
          "inventory_rack",
          "inventory_lab",
          "inventory_building",
          "inventory_hosthardware",
          "inventory_hosttype",
          "inventory_cardtype");

  /** A row's columns, {@code b} the bookable, {@code h} its host, {@code cd} its cards. */
  private static final String COLUMNS_READ =
      "b.id, b.host_id AS host, b.status, b.comment, h.hostname, host(h.ip) AS ip, "
          + Names.hardware("hw", "ht")
          + " AS hardware, "
          + Names.rack("r.number", "l", "bd")
          + " AS rack,"
          + " hw.id AS hardware_id, hw.name AS hardware_name, h.rack_id, r.number AS rack_number,"
          + " l.id AS lab, l.name AS lab_name, bd.id AS building, bd.code AS building_code,"
          + " cd.card_ids, cd.card_types, cd.card_details, h.owner_id, h.group_id,"
          + " hw.host_type_id";

  /** The places in the orders, over every bookable {@code b} and its host {@code h}. */
  private static final String PLACES =
      "dense_rank() OVER (ORDER BY lower(h.hostname)) AS name_place,"
          + " CASE WHEN h.ip IS NOT NULL THEN dense_rank() OVER (ORDER BY h.ip) END AS ip_place";

  /** A host's cards as three arrays, {@code c} the card, selected by what follows. */
  private static final String CARDS =
      "array_agg(c.id ORDER BY c.id) AS card_ids,"
          + " array_agg(ct.name ORDER BY c.id) AS card_types,"
          + " array_agg(c.details ORDER BY c.id) AS card_details"
          + " FROM inventory_card c JOIN inventory_cardtype ct ON ct.id = c.cardtype_id";

  /**
   * The snapshot in the same statement as the rows (one row {@code s} there even without
   * bookables), so a change committed after it counts as later. The cards are aggregated once per
   * host rather than probed per bookable.
   */
  private static final String READ =
      "SELECT s.snapshot, p.* FROM (SELECT pg_current_snapshot()::text AS snapshot) s"
          + " LEFT JOIN (SELECT "
          + COLUMNS_READ
          + ", "
          + PLACES
          + " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
          + Names.HOST_PLACE
          + " LEFT JOIN (SELECT c.host_id, "
          + CARDS
          + " GROUP BY c.host_id) cd ON cd.host_id = h.id) p ON true";

  /**
   * What changed since a snapshot (the first two parameters), read in one statement with its own
   * snapshot: the rows of the bookables marked changed (migration 017's {@code domain_row_change}:
   * the bookable, its host or a card of it), on the first row the ids marked (so that the rows
   * deleted since are known) and, when a row may have moved in an order ({@code moved}), every
   * bookable's places again, as three arrays by id (computed only then: the subqueries in the
   * {@code CASE} are evaluated when reached). {@code whole} when a table of {@link #WHOLE_TABLES}
   * changed (the next three parameters) or a table was truncated: nothing else is read then.
   */
  private static final String REFRESH =
      "WITH c AS (SELECT tbl, id, moved FROM domain_row_change"
          + " WHERE xid >= pg_snapshot_xmin(?::pg_snapshot)"
          + " AND NOT pg_visible_in_snapshot(xid, ?::pg_snapshot)),"
          + " s AS (SELECT pg_current_snapshot()::text AS snapshot, NOT "
          + ChangeMarkers.UNCHANGED
          + " OR EXISTS (SELECT 1 FROM c WHERE c.id IS NULL) AS whole,"
          + " EXISTS (SELECT 1 FROM c WHERE c.moved) AS moved),"
          + " k AS (SELECT b.id, "
          + PLACES
          + " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id)"
          + " SELECT s.snapshot, s.whole,"
          + " CASE WHEN coalesce(p.nth, 1) = 1 THEN (SELECT array_agg(DISTINCT id) FROM c"
          + " WHERE tbl = 'booking_bookable') END AS changed_bookables,"
          + " CASE WHEN coalesce(p.nth, 1) = 1 THEN (SELECT array_agg(DISTINCT id) FROM c"
          + " WHERE tbl <> 'booking_bookable') END AS changed_hosts,"
          + " CASE WHEN coalesce(p.nth, 1) = 1 AND s.moved AND NOT s.whole THEN"
          + " (SELECT array_agg(id ORDER BY id) FROM k) END AS ranked,"
          + " CASE WHEN coalesce(p.nth, 1) = 1 AND s.moved AND NOT s.whole THEN"
          + " (SELECT array_agg(name_place ORDER BY id) FROM k) END AS name_places,"
          + " CASE WHEN coalesce(p.nth, 1) = 1 AND s.moved AND NOT s.whole THEN"
          + " (SELECT array_agg(ip_place ORDER BY id) FROM k) END AS ip_places,"
          + " p.* FROM s LEFT JOIN (SELECT "
          + COLUMNS_READ
          + ", row_number() OVER () AS nth"
          + " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
          + Names.HOST_PLACE
          + " LEFT JOIN LATERAL (SELECT "
          + CARDS
          + " WHERE c.host_id = h.id) cd ON true"
          + " WHERE b.id IN (SELECT id FROM c WHERE tbl = 'booking_bookable')"
          + " OR b.host_id IN (SELECT id FROM c WHERE tbl <> 'booking_bookable')) p"
          + " ON NOT s.whole";

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

  /**
   * The comparator of each order of the search: by name, then id; the ip's with names and ids after
   * it. A switch over every order, so that one added to {@link BookableOrder} needs its comparator.
   */
  private static Comparator<Row> comparator(BookableOrder order) {
    return switch (order) {
      case HOSTNAME -> Comparator.comparingLong(Row::name).thenComparingLong(Row::id);
      case HOSTNAME_REVERSED ->
          Comparator.comparingLong(Row::name).reversed().thenComparingLong(Row::id);
      case IP ->
          Comparator.comparing(BookableRows::ip, Comparator.nullsLast(Comparator.naturalOrder()))
              .thenComparingLong(Row::name)
              .thenComparingLong(Row::id);
      case IP_REVERSED ->
          Comparator.comparing(
                  BookableRows::ip, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
              .thenComparingLong(Row::name)
              .thenComparingLong(Row::id);
    };
  }

  private static Long ip(Row row) {
    return row.ip() < 0 ? null : row.ip();
  }

  /** The snapshot the rows were read in ({@link cores.domain.sql.ChangeMarkers}). */
  final String snapshot;

  /** The request time they were all read at (a {@link #refresh} keeps it). */
  final Instant readAt;

  /** The rows in each order of the search. */
  private final Map<BookableOrder, Row[]> orders;

  private final Map<Long, Row> byId;

  private BookableRows(List<Row> rows, String snapshot, Instant readAt) {
    this.snapshot = snapshot;
    this.readAt = readAt;
    Map<BookableOrder, Row[]> ordered = new EnumMap<>(BookableOrder.class);
    for (BookableOrder order : BookableOrder.values()) {
      Row[] sorted = rows.toArray(Row[]::new);
      Arrays.sort(sorted, comparator(order));
      ordered.put(order, sorted);
    }
    this.orders = ordered;
    Map<Long, Row> ids = new HashMap<>();
    rows.forEach(row -> ids.put(row.id(), row));
    this.byId = ids;
  }

  /** The rows in this order. */
  Row[] in(BookableOrder ordering) {
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
    Map<Object, Object> seen = new HashMap<>();
    for (Map<String, Object> row : read) {
      if (row.get("id") == null) {
        continue; // s's row alone: no bookables
      }
      rows.add(row(row, rows.size(), (Long) row.get("name_place"), id(row.get("ip_place")), seen));
    }
    return new BookableRows(rows, snapshot, now);
  }

  /**
   * These rows as they stand now, from what changed since they were read: only the rows of the
   * bookables marked changed are read, and the places of all only when one may have moved (a
   * renamed host moves others' places too); the others are kept as they are. Null when that cannot
   * be told row by row ({@link #WHOLE_TABLES}, a truncated table): {@link #read} them all then. The
   * time they were read at stays the whole read's, for {@link SearchCache#MAX_AGE}.
   */
  BookableRows refresh(Sql sql) {
    List<Object> params = new ArrayList<>(List.of(snapshot, snapshot));
    params.addAll(ChangeMarkers.unchanged(WHOLE_TABLES, snapshot));
    List<Map<String, Object>> read = sql.rows(REFRESH, params);
    Map<String, Object> first = read.get(0);
    if (Boolean.TRUE.equals(first.get("whole"))) {
      return null;
    }
    Map<Long, long[]> places = places(first);
    Set<Long> bookables = new HashSet<>(longs(first.get("changed_bookables")));
    Set<Long> hosts = new HashSet<>(longs(first.get("changed_hosts")));
    List<Row> rows = new ArrayList<>(byId.size() + read.size());
    for (Row row : orders.get(BookableOrder.HOSTNAME)) {
      if (!bookables.contains(row.id()) && !hosts.contains(host(row))) {
        long[] place = places == null ? new long[] {row.name(), row.ip()} : places.get(row.id());
        if (place == null) {
          return null; // deleted unmarked: cannot be while 017's triggers are in place
        }
        rows.add(row(row, rows.size(), place));
      }
    }
    Map<Object, Object> seen = new HashMap<>();
    for (Map<String, Object> changed : read) {
      if (changed.get("id") == null) {
        continue; // s's row alone: no bookable of those marked is left
      }
      Long id = (Long) changed.get("id");
      Row before = byId.get(id);
      long[] place;
      if (places != null) {
        place = places.get(id); // read in the same statement: every bookable's
      } else if (before != null) {
        // not moved: the host's name and ip are those the place was read with
        place = new long[] {before.name(), before.ip()};
      } else {
        return null; // no place for it (017's triggers mark a new bookable as moved)
      }
      rows.add(row(changed, rows.size(), place[0], place[1], seen));
    }
    return new BookableRows(rows, (String) first.get("snapshot"), readAt);
  }

  /**
   * A row read, at {@code index} in the order of reading, with its places; its names and ids shared
   * with the other rows of the same read through {@code seen}.
   */
  private static Row row(
      Map<String, Object> row, int index, long name, long ip, Map<Object, Object> seen) {
    Object[] values = new Object[COLUMNS.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = shared(row.get(COLUMNS.get(i)), seen);
    }
    return new Row(
        index,
        values,
        cards(row, seen),
        (Long) row.get("id"),
        Bookables.ACTIVE.equals(row.get("status")),
        id(row.get("owner_id")),
        id(row.get("group_id")),
        id(row.get("lab")),
        id(row.get("building")),
        (Long) row.get("hardware_id"),
        id(row.get("host_type_id")),
        name,
        ip);
  }

  /** A row kept, at {@code index} in the new order of reading, with its places ({name, ip}). */
  private static Row row(Row row, int index, long[] place) {
    return new Row(
        index,
        row.values(),
        row.cards(),
        row.id(),
        row.active(),
        row.owner(),
        row.group(),
        row.lab(),
        row.building(),
        row.hardware(),
        row.hostType(),
        place[0],
        place[1]);
  }

  private static long host(Row row) {
    return (Long) row.values()[COLUMNS.indexOf("host")];
  }

  /** The places read by {@link #REFRESH} as {name, ip} by bookable id, or null if not read. */
  private static Map<Long, long[]> places(Map<String, Object> first) {
    if (first.get("ranked") == null) {
      return null;
    }
    List<Long> ids = longs(first.get("ranked"));
    List<?> names = list(first.get("name_places"));
    List<?> ips = list(first.get("ip_places"));
    Map<Long, long[]> places = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      places.put(ids.get(i), new long[] {(Long) names.get(i), id(ips.get(i))});
    }
    return places;
  }

  private static List<Long> longs(Object value) {
    List<Long> longs = new ArrayList<>();
    for (Object one : list(value)) {
      longs.add((Long) one);
    }
    return longs;
  }

  private static long id(Object value) {
    return value instanceof Long id ? id : -1;
  }

  /** The number of bookables. */
  int size() {
    return byId.size();
  }

  /**
   * One object for equal names and ids of a read: the rows repeat their lab's, building's,
   * hardware's, rack's and status's thousands of times, and the driver makes a new object each time
   * (a quarter of the rows' memory, kept as long as the rows are).
   */
  private static Object shared(Object value, Map<Object, Object> seen) {
    return value instanceof String || value instanceof Long
        ? seen.computeIfAbsent(value, same -> same)
        : value;
  }

  /** The keys of a card, in the original's order. */
  private static final JsonRow.Keys CARD_KEYS =
      JsonRow.keys(List.of("id", "cardtype__name", "details"));

  /** The card arrays zipped into the original's list, shared by every answer. */
  private static List<Map<String, Object>> cards(
      Map<String, Object> row, Map<Object, Object> seen) {
    List<?> ids = list(row.get("card_ids"));
    List<?> types = list(row.get("card_types"));
    List<?> details = list(row.get("card_details"));
    List<Map<String, Object>> cards = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      cards.add(
          CARD_KEYS.row(ids.get(i), shared(types.get(i), seen), shared(details.get(i), seen)));
    }
    return List.copyOf(cards);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }
}
