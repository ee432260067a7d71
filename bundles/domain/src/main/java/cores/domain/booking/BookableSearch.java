package cores.domain.booking;

import cores.api.booking.BookableQuery;
import cores.api.web.FieldErrors;
import cores.domain.inventory.Ids;
import cores.domain.inventory.Names;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bookables list with every filter combined into one statement per page: the current booking
 * and reservation ("free", "nores", "booked", "reserved") are evaluated by PostgreSQL at the
 * request time, and the total comes with the rows, also for a page past the end. The original
 * evaluated free/nores row by row and froze "now" at process start.
 */
public final class BookableSearch {
  /** The day of "Booked until …", as the original wrote it. */
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yy");

  /** Where the day of "Booked until …" is counted (CORES_TIME_ZONE). */
  private final ZoneId zone;

  public BookableSearch(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The filters of API.md.
   *
   * @param user the asking user's id, or null when anonymous (mine/mygroup then match nothing)
   * @param ordering hostname, -hostname, ip or -ip (ipsort=1 means ip)
   * @param bookable one bookable's id (its detail page), or null for the list
   */
  public record Filters(
      boolean active,
      boolean mine,
      boolean mygroup,
      List<Long> labs,
      List<Long> buildings,
      List<Long> hardware,
      List<Long> hostTypes,
      boolean nores,
      boolean free,
      String ordering,
      Long user,
      Long bookable) {

    /** From query parameters; 400 naming the parameter for bad values. */
    public static Filters of(Map<String, String> query, Long user) {
      FieldErrors errors = new FieldErrors();
      String ordering = query.getOrDefault("ordering", "hostname");
      if (flag(query, "ipsort", errors) && !query.containsKey("ordering")) {
        ordering = "ip";
      }
      if (!List.of("hostname", "-hostname", "ip", "-ip").contains(ordering)) {
        errors.check("ordering", "one of hostname, -hostname, ip, -ip");
      }
      Filters filters =
          new Filters(
              flag(query, "active", errors),
              flag(query, "mine", errors),
              flag(query, "mygroup", errors),
              ids(query, "lab", errors),
              ids(query, "building", errors),
              ids(query, "hw", errors),
              ids(query, "htype", errors),
              flag(query, "nores", errors),
              flag(query, "free", errors),
              ordering,
              user,
              null);
      errors.throwIfAny();
      return filters;
    }

    /** The filters of the site's search page: active bookables, the asker's id for mine/mygroup. */
    public static Filters of(BookableQuery query, Optional<Long> user) {
      return new Filters(
          true,
          query.mine(),
          query.mygroup(),
          query.labs(),
          query.buildings(),
          query.hardware(),
          query.hostTypes(),
          query.nores(),
          query.free(),
          query.ipSort() ? "ip" : "hostname",
          user.orElse(null),
          null);
    }

    /** Whether the rows depend on who asks (mine, mygroup). */
    public boolean personal() {
      return mine || mygroup;
    }

    /** These filters with no user: the same rows for everyone unless {@link #personal()}. */
    public Filters anyone() {
      return new Filters(
          active, mine, mygroup, labs, buildings, hardware, hostTypes, nores, free, ordering, null,
          bookable);
    }

    private static boolean flag(Map<String, String> query, String name, FieldErrors errors) {
      String value = query.get(name);
      if (value == null || value.isEmpty()) {
        return false;
      }
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "1", "true", "yes", "on" -> true;
        case "0", "false", "no", "off" -> false;
        default -> {
          errors.check(name, "must be 1 or 0 (true or false)");
          yield false;
        }
      };
    }

    private static List<Long> ids(Map<String, String> query, String name, FieldErrors errors) {
      String value = query.get(name);
      return value == null || value.isEmpty() ? List.of() : Ids.parse(name, value, errors);
    }
  }

  /**
   * One page and the number of all matching bookables.
   *
   * @param owners the owners of the bookings holding now on the page, by id, with the username the
   *     rows show ("Booked until … by …")
   */
  public record Result(long count, List<Map<String, Object>> rows, Map<Long, String> owners) {}

  /**
   * The page's columns, computed for the page's rows only. The first {@code %s} is the one row
   * {@code s} that is there even when the page is empty: the number of all matching bookables and
   * what the caller asks to have from the same snapshot ({@link #search(Sql, Filters, Instant, int,
   * int, Map, List)}). The page {@code p} (the third {@code %s}) filters and orders with just the
   * tables its filters need and carries the bookable's, host's and rack's columns out, so the
   * per-row work (cards, hardware, location, the current booking and reservation: the second and
   * fourth {@code %s}, {@link #BOOKED} in the fifth) runs for at most {@code limit} rows. How the
   * matches are counted and the page found depends on the filters ({@link #byNameOfMost}). The
   * cards come as three arrays of the same order, which {@link #shape} zips into the original's
   * list.
   */
  private static final String PAGE =
      "SELECT s.*, p.id, p.host, p.status, p.comment, p.hostname, host(p.sort_ip) AS ip, "
          + Names.hardware("hw", "ht")
          + " AS hardware, "
          + Names.rack("p.rack_number", "l", "bd")
          + " AS rack,"
          + " hw.id AS hardware_id, hw.name AS hardware_name, p.rack_id, p.rack_number,"
          + " l.id AS lab, l.name AS lab_name, bd.id AS building, bd.code AS building_code,"
          + " cd.card_ids, cd.card_types, cd.card_details,"
          + " %s, %s"
          + " FROM (%s) s LEFT JOIN ((%s) p"
          + " JOIN inventory_hosthardware hw ON hw.id = p.hardware_id"
          + " LEFT JOIN inventory_hosttype ht ON ht.id = hw.host_type_id"
          + " LEFT JOIN inventory_lab l ON l.id = p.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id"
          + " LEFT JOIN LATERAL (SELECT array_agg(c.id ORDER BY c.id) AS card_ids,"
          + " array_agg(ct.name ORDER BY c.id) AS card_types,"
          + " array_agg(c.details ORDER BY c.id) AS card_details"
          + " FROM inventory_card c JOIN inventory_cardtype ct ON ct.id = c.cardtype_id"
          + " WHERE c.host_id = p.host) cd ON true"
          + "%s) ON true"
          + " ORDER BY %s";

  /** The bookables and hosts the filters read from (the rack only for its lab). */
  private static final String MATCHING =
      " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
          + " LEFT JOIN inventory_rack r ON r.id = h.rack_id";

  /**
   * The current booking and its owner; the exclusion constraint leaves at most one booking holding
   * now, so the join adds no row.
   */
  private static final String BOOKED =
      " LEFT JOIN booking_booking cur ON cur.bookable_id = p.id"
          + " AND tstzrange(cur.start_time, cur.end_time) @> ?::timestamptz"
          + " LEFT JOIN accounts_user_v1 cu ON cu.id = cur.owner_id";

  /** The page of bookables matching the filters at the instant {@code now}. */
  public Result search(Sql sql, Filters filters, Instant now, int limit, int offset) {
    return search(sql, filters, now, limit, offset, Map.of(), List.of()).result();
  }

  /**
   * A page and the values computed beside it in the same statement, so in the same snapshot.
   *
   * @param result the page
   * @param columns the values of the caller's columns, by label
   */
  record Stated(Result result, Map<String, Object> columns) {}

  /**
   * The page of bookables matching the filters at the instant {@code now}, and in the same
   * statement the caller's {@code columns} (label to expression, in the order of {@code params},
   * their parameters), which are there even when the page is empty.
   */
  Stated search(
      Sql sql,
      Filters filters,
      Instant now,
      int limit,
      int offset,
      Map<String, String> columns,
      List<Object> params) {
    // free=1 (nores=1) leaves only bookables without a booking (reservation) holding now: their
    // columns are then known without looking, which saves a probe per row (same now throughout)
    String booked = "NULL::timestamptz AS booked_until, NULL::text AS booked_by";
    String joins = "";
    if (!filters.free()) {
      booked =
          "cur.end_time AS booked_until, cu.username AS booked_by, cur.owner_id AS booked_by_id";
      joins = BOOKED;
    }
    List<Object> reservedParams = new ArrayList<>();
    String reserved = "false AS reserved";
    if (!filters.nores()) {
      reserved =
          "EXISTS (SELECT 1 FROM booking_reservation rs WHERE rs.bookable_id = p.id"
              + " AND tstzrange(rs.start_time, rs.end_time) @> ?::timestamptz) AS reserved";
      reservedParams.add(now);
    }
    List<Object> whereParams = new ArrayList<>();
    String where = where(filters, now, whereParams);
    // the inner statement orders by its own columns, the outer one by the same through p
    String order =
        switch (filters.ordering()) {
          case "-hostname" -> "%1$ssort_name DESC, %1$sid";
          case "ip" -> "%1$ssort_ip NULLS LAST, %1$ssort_name, %1$sid";
          case "-ip" -> "%1$ssort_ip DESC NULLS LAST, %1$ssort_name, %1$sid";
          default -> "%1$ssort_name, %1$sid";
        };
    String matching =
        "SELECT b.id, b.host_id AS host, b.status, b.comment, h.hostname, h.hardware_id,"
            + " h.rack_id, r.number AS rack_number, r.lab_id, lower(h.hostname) AS sort_name,"
            + " h.ip AS sort_ip"
            + MATCHING
            + where;
    StringBuilder state = new StringBuilder();
    columns.forEach(
        (label, expression) -> state.append(", ").append(expression).append(" AS ").append(label));
    // in the order of the statement's text: the select list, s, p, the joins
    List<Object> all = new ArrayList<>();
    String with;
    String total;
    String page;
    if (byNameOfMost(filters)) {
      // most bookables match and the page is read in name order: the page walks the name index
      // and stops after offset + limit rows; the count is its own aggregate over the bookables
      // alone (these filters read no other table, and every bookable has its host: a not null
      // foreign key), so it neither sorts nor joins the hosts
      with = "";
      total = "SELECT (SELECT count(*) FROM booking_bookable b" + where + ") AS total" + state;
      page = matching + " ORDER BY " + String.format(order, "") + " LIMIT ? OFFSET ?";
      all.addAll(reservedParams);
      all.addAll(whereParams);
      all.addAll(params);
      all.addAll(whereParams);
    } else {
      // a part of the bookables, or ordered by ip: they are found once (planned without the
      // LIMIT, so with hash joins: a window count over them made the planner walk the name index
      // and probe every host) and both counted and sorted for the page
      with = "WITH m AS MATERIALIZED (" + matching + ") ";
      total = "SELECT (SELECT count(*) FROM m) AS total" + state;
      page = "SELECT * FROM m ORDER BY " + String.format(order, "") + " LIMIT ? OFFSET ?";
      all.addAll(whereParams);
      all.addAll(reservedParams);
      all.addAll(params);
    }
    all.add(limit);
    all.add(offset);
    if (!filters.free()) {
      all.add(now);
    }
    List<Map<String, Object>> rows =
        sql.rows(
            with
                + String.format(
                    PAGE, booked, reserved, total, page, joins, String.format(order, "p.")),
            all);
    // s's row comes once even when the page is empty, then with the page's columns null
    Map<String, Object> first = rows.get(0);
    long count = (Long) first.get("total");
    Map<String, Object> stated = new LinkedHashMap<>();
    for (String label : columns.keySet()) {
      stated.put(label, first.get(label));
    }
    if (first.get("id") == null) {
      rows = List.of();
    }
    Map<Long, String> owners = new HashMap<>();
    for (Map<String, Object> row : rows) {
      if (row.get("booked_by_id") instanceof Long owner) {
        owners.put(owner, (String) row.get("booked_by"));
      }
      row.keySet().removeAll(stated.keySet());
      shape(row);
    }
    return new Stated(new Result(count, rows, owners), stated);
  }

  /**
   * Whether the filters leave most bookables (none of lab, building, hardware, type, owner, group
   * or one bookable) and the order is by name: then the page is best read from the hosts' name
   * index, stopping after offset + limit rows. Such filters read the bookables alone.
   */
  private static boolean byNameOfMost(Filters filters) {
    return filters.ordering().endsWith("hostname")
        && filters.labs().isEmpty()
        && filters.buildings().isEmpty()
        && filters.hardware().isEmpty()
        && filters.hostTypes().isEmpty()
        && !filters.personal()
        && filters.bookable() == null;
  }

  /** The filters' condition on {@link #MATCHING} (empty without filters), its parameters added. */
  private static String where(Filters filters, Instant now, List<Object> params) {
    List<String> where = new ArrayList<>();
    if (filters.bookable() != null) {
      where.add("b.id = ?");
      params.add(filters.bookable());
    }
    if (filters.active()) {
      where.add("b.status = 'active'");
    }
    if (filters.mine()) {
      where.add("h.owner_id = ?");
      params.add(java.util.Objects.requireNonNullElse(filters.user(), -1L));
    }
    if (filters.mygroup()) {
      // the user's groups as an array computed once: the host group index then finds the hosts
      // (as IN (SELECT ...) the planner walked all hosts in name order, probing membership)
      where.add(
          "h.group_id = ANY (ARRAY(SELECT ug.group_id FROM accounts_membership_v1 ug"
              + " WHERE ug.user_id = ?))");
      params.add(java.util.Objects.requireNonNullElse(filters.user(), -1L));
    }
    // the foreign keys are not null, so the host's rack (and hardware) ids stand for the joins
    in(where, params, "r.lab_id", filters.labs());
    if (!filters.buildings().isEmpty()) {
      where.add(
          "r.lab_id IN (SELECT bl.id FROM inventory_lab bl WHERE "
              + in("bl.building_id", filters.buildings())
              + ")");
      params.addAll(filters.buildings());
    }
    in(where, params, "h.hardware_id", filters.hardware());
    if (!filters.hostTypes().isEmpty()) {
      where.add(
          "h.hardware_id IN (SELECT th.id FROM inventory_hosthardware th WHERE "
              + in("th.host_type_id", filters.hostTypes())
              + ")");
      params.addAll(filters.hostTypes());
    }
    if (filters.nores()) {
      // the reservations holding now are few: PostgreSQL hashes them once (a hashed subplan; the
      // column is not null, so NOT IN is NOT EXISTS) instead of probing the GiST index per row
      where.add(
          "b.id NOT IN (SELECT rs.bookable_id FROM booking_reservation rs"
              + " WHERE tstzrange(rs.start_time, rs.end_time) @> ?::timestamptz)");
      params.add(now);
    }
    if (filters.free()) {
      // many candidates: a hash anti-join over the bookings holding now, which migration 006's
      // SP-GiST index finds alone (their number does not grow with past and future bookings);
      // few candidates (mine): a probe per bookable. NOT EXISTS lets the planner choose.
      where.add(
          "NOT EXISTS (SELECT 1 FROM booking_booking bk WHERE bk.bookable_id = b.id"
              + " AND tstzrange(bk.start_time, bk.end_time) @> ?::timestamptz)");
      params.add(now);
    }
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  /** One bookable in the list's row shape, or null. */
  public Map<String, Object> one(Sql sql, long id, Long user, Instant now) {
    Filters only =
        new Filters(
            false,
            false,
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            false,
            false,
            "hostname",
            user,
            id);
    List<Map<String, Object>> rows = search(sql, only, now, 1, 0).rows();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The JSON Schema of a row as {@link #shape} leaves it (published by the bookable resource). */
  public static Map<String, Object> rowSchema() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", type("integer"));
    properties.put("host", type("integer"));
    properties.put("status", Map.of("type", "string", "enum", Bookables.STATUSES));
    properties.put("comment", type("string"));
    properties.put("hostname", type("string"));
    properties.put("ip", Map.of("type", List.of("string", "null"), "format", "inet"));
    properties.put("hardware", described("string", "\"[type] model\""));
    properties.put(
        "rack", described(List.of("string", "null"), "\"<number> in <building>/<lab>\""));
    properties.put("hardware_id", type("integer"));
    properties.put("hardware_name", type("string"));
    properties.put("rack_id", type(List.of("integer", "null")));
    properties.put("rack_number", type(List.of("integer", "null")));
    properties.put("lab", type(List.of("integer", "null")));
    properties.put("lab_name", type(List.of("string", "null")));
    properties.put("building", type(List.of("integer", "null")));
    properties.put("building_code", type(List.of("string", "null")));
    properties.put(
        "booked_until", Map.of("type", List.of("string", "null"), "format", "date-time"));
    properties.put("booked_by", type(List.of("string", "null")));
    properties.put("reserved", type("boolean"));
    properties.put(
        "cards",
        Map.of(
            "type",
            "array",
            "items",
            Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                    "id", type("integer"),
                    "cardtype__name", type("string"),
                    "details", type("string")),
                "required",
                List.of("id", "cardtype__name", "details"),
                "additionalProperties",
                false)));
    properties.put(
        "booked",
        Map.of(
            "type",
            List.of("string", "boolean"),
            "description",
            "\"Booked until dd/mm/yy by <user>\", or false"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", "a row of the bookable search");
    schema.put("properties", properties);
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> type(Object type) {
    return Map.of("type", type);
  }

  private static Map<String, Object> described(Object type, String description) {
    return Map.of("type", type, "description", description);
  }

  /**
   * The original's row shape: {@code cards} a list of {@code {id, cardtype__name, details}}, {@code
   * booked} "Booked until dd/mm/yy by username" (the end's day in {@link #zone}) or false; beside
   * them the end and the username as such ({@code booked_until}, {@code booked_by}).
   */
  private void shape(Map<String, Object> row) {
    row.remove("total");
    row.remove("booked_by_id");
    List<?> ids = list(row.remove("card_ids"));
    List<?> types = list(row.remove("card_types"));
    List<?> details = list(row.remove("card_details"));
    List<Map<String, Object>> cards = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Map<String, Object> card = new LinkedHashMap<>();
      card.put("id", ids.get(i));
      card.put("cardtype__name", types.get(i));
      card.put("details", details.get(i));
      cards.add(Collections.unmodifiableMap(card));
    }
    row.put("cards", List.copyOf(cards));
    Object until = row.get("booked_until");
    row.put(
        "booked",
        until instanceof Instant end
            ? "Booked until " + DAY.format(end.atZone(zone)) + " by " + row.get("booked_by")
            : Boolean.FALSE);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  private static void in(List<String> where, List<Object> params, String column, List<Long> ids) {
    if (!ids.isEmpty()) {
      where.add(in(column, ids));
      params.addAll(ids);
    }
  }

  private static String in(String column, List<Long> ids) {
    return column + " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
  }
}
