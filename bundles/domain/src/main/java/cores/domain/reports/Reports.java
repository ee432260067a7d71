package cores.domain.reports;

import cores.api.web.JsonShape;
import cores.domain.inventory.Names;
import cores.domain.inventory.Schemas;
import cores.domain.sql.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The original's reports (asset summary, usage, long reservations), each one statement; a report of
 * several tables tags each row with its table ({@link Report#split}).
 */
public final class Reports {
  /** The usage report looks back this far unless asked otherwise. */
  public static final Duration USAGE_WINDOW = Duration.ofDays(90);

  /** Reservations open this long are long unless asked otherwise (the original: six months). */
  public static final int LONG_RESERVATION_DAYS = 180;

  private static final String HARDWARE = Names.hardware("hw", "ht");
  private static final String LOCATION = Names.lab("l", "bd");
  private static final String RACK = Names.rack("r.number", "l", "bd");

  private static final Map<String, Object> INTEGER_OR_NULL = JsonShape.nullable(JsonShape.INTEGER);
  private static final Map<String, Object> STRING_OR_NULL = JsonShape.nullable(JsonShape.STRING);
  private static final Map<String, Object> HARDWARE_NAME =
      JsonShape.described(JsonShape.STRING, "\"[type] model\"");
  private static final Map<String, Object> LOCATION_NAME =
      JsonShape.described(STRING_OR_NULL, "\"<building>/<lab>\"");
  private static final Map<String, Object> SHARE =
      JsonShape.described(
          Map.of("type", "number", "minimum", 0, "maximum", 1), "of the period, 4 decimals");
  private static final Map<String, Object> COUNT = Map.of("type", "integer", "minimum", 0);

  /** The asset summary's tables and their columns: the statement's and the answer's. */
  static final Map<String, JsonShape> ASSETS =
      tables(
          "hosts",
          JsonShape.of()
              .with("id", JsonShape.INTEGER)
              .with("hostname", JsonShape.STRING)
              .with("hardware", HARDWARE_NAME)
              .with("mac", JsonShape.described(JsonShape.nullable(Schemas.MAC), "primary NIC's"))
              .with("lastseen", JsonShape.nullable(JsonShape.DATE_TIME))
              .with("rack", JsonShape.described(STRING_OR_NULL, "\"<number> in <building>/<lab>\""))
              .with("serial_no", JsonShape.STRING)
              .with("asset_no", JsonShape.STRING)
              .with("status", Schemas.HOST_STATUS),
          "cards",
          JsonShape.of()
              .with("id", JsonShape.INTEGER)
              .with("cardtype", JsonShape.STRING)
              .with("details", JsonShape.STRING)
              .with("asset_no", JsonShape.STRING)
              .with("host", INTEGER_OR_NULL)
              .with("hostname", STRING_OR_NULL));

  private static final JsonShape USAGE_PARAMETERS =
      JsonShape.of()
          .with("from", JsonShape.DATE_TIME)
          .with("to", JsonShape.DATE_TIME)
          .with("days", JsonShape.described(JsonShape.NUMBER, "the period's length, 2 decimals"));

  /** The usage report's tables and their columns. */
  static final Map<String, JsonShape> USAGE =
      tables(
          "hosts",
          JsonShape.of()
              .with("bookable", JsonShape.INTEGER)
              .with("host", JsonShape.INTEGER)
              .with("hostname", JsonShape.STRING)
              .with("hardware_id", JsonShape.INTEGER)
              .with("hardware", HARDWARE_NAME)
              .with("lab", INTEGER_OR_NULL)
              .with("location", LOCATION_NAME)
              .with("group", STRING_OR_NULL)
              .with("owner", JsonShape.described(STRING_OR_NULL, "a username"))
              .with(
                  "biggest_user",
                  JsonShape.described(STRING_OR_NULL, "the username with the most bookings"))
              .with("bookings", COUNT)
              .with("booked_seconds", COUNT)
              .with("share", SHARE),
          "hardware",
          JsonShape.of()
              .with("hardware_id", JsonShape.INTEGER)
              .with("hardware", HARDWARE_NAME)
              .with("hosts", COUNT)
              .with("bookings", COUNT)
              .with("booked_seconds", COUNT)
              .with("share", JsonShape.described(SHARE, "the hosts' average")),
          "labs",
          JsonShape.of()
              .with("lab", INTEGER_OR_NULL)
              .with("location", LOCATION_NAME)
              .with("hosts", COUNT)
              .with("bookings", COUNT)
              .with("booked_seconds", COUNT)
              .with("share", JsonShape.described(SHARE, "the hosts' average")),
          "users",
          JsonShape.of()
              .with("user", JsonShape.INTEGER)
              .with("username", STRING_OR_NULL)
              .with("bookings", COUNT)
              .with("booked_seconds", COUNT));

  private static final JsonShape LONG_PARAMETERS =
      JsonShape.of()
          .with("days", JsonShape.described(COUNT, "the least number of days open"))
          .with("at", JsonShape.DATE_TIME);

  /** The long reservations' columns. */
  static final JsonShape LONG_RESERVATIONS =
      JsonShape.of()
          .with("reservation", JsonShape.INTEGER)
          .with("bookable", JsonShape.INTEGER)
          .with("host", JsonShape.INTEGER)
          .with("hostname", JsonShape.STRING)
          .with("owner", JsonShape.described(JsonShape.INTEGER, "a user id"))
          .with("username", STRING_OR_NULL)
          .with("hardware", HARDWARE_NAME)
          .with("location", LOCATION_NAME)
          .with("start", JsonShape.DATE_TIME)
          .with("end", JsonShape.nullable(JsonShape.DATE_TIME))
          .with("days_open", COUNT)
          .with("others", JsonShape.described(COUNT, "the user's other open reservations"));

  /**
   * The JSON Schemas of the reports' answers ({@link Report#answer}) by name: {@code
   * report_assets}, {@code report_usage}, {@code report_longreservations}.
   */
  public static Map<String, Map<String, Object>> schemas() {
    Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
    schemas.put(
        "report_assets",
        Report.answerSchema(
            "the asset summary: hosts as results, and cards", JsonShape.of(), ASSETS));
    schemas.put(
        "report_usage",
        Report.answerSchema(
            "usage in the period: hosts as results, hardware, labs, users",
            USAGE_PARAMETERS,
            USAGE));
    schemas.put(
        "report_longreservations",
        Report.answerSchema(
            "reservations open at least days days at the time at",
            LONG_PARAMETERS,
            Map.of("reservations", LONG_RESERVATIONS)));
    return schemas;
  }

  private static Map<String, JsonShape> tables(Object... nameAndShape) {
    Map<String, JsonShape> tables = new LinkedHashMap<>();
    for (int i = 0; i < nameAndShape.length; i += 2) {
      tables.put((String) nameAndShape[i], (JsonShape) nameAndShape[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(tables);
  }

  /** The parameters in the shape's order, each taken from the values. */
  private static Map<String, Object> parameters(JsonShape shape, Function<String, Object> values) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    shape.keys().forEach(key -> parameters.put(key, values.apply(key)));
    return parameters;
  }

  /**
   * The asset summary: hosts (hardware, primary NIC's MAC, last seen, rack, serial and asset
   * numbers, status) by name, then cards (type, details, asset number, the host they are in) by
   * type.
   */
  public Report assets(Sql sql) {
    List<Map<String, Object>> rows =
        sql.rows(
            "SELECT * FROM ("
                + " SELECT 'hosts' AS part, h.id, h.hostname, "
                + HARDWARE
                + " AS hardware, n.mac::text AS mac, h.lastseen, "
                + RACK
                + " AS rack, h.serial_no, h.asset_no, h.status, NULL::varchar AS cardtype,"
                + " NULL::text AS details, NULL::bigint AS host"
                + " FROM inventory_host h"
                + Names.HOST_PLACE
                + " LEFT JOIN inventory_nic n ON n.host_id = h.id AND n.\"primary\""
                + " UNION ALL"
                + " SELECT 'cards', c.id, ch.hostname, NULL, NULL, NULL, NULL, NULL, c.asset_no,"
                + " NULL, ct.name, c.details, c.host_id"
                + " FROM inventory_card c"
                + " JOIN inventory_cardtype ct ON ct.id = c.cardtype_id"
                + " LEFT JOIN inventory_host ch ON ch.id = c.host_id"
                + ") a ORDER BY part DESC,"
                + " lower(CASE WHEN part = 'hosts' THEN hostname ELSE cardtype END), id",
            List.of());
    return new Report("assets", Map.of(), Report.split(rows, ASSETS));
  }

  /**
   * Usage in a period (the original's: the last 90 days), reserved bookables left out (reserved at
   * the period's end), as the original had it: per host the hardware, location, group, owner, the
   * user with the most bookings, the number of bookings, the time booked and its share of the
   * period; the average share per hardware and per lab; the time booked per user (every booking).
   * Of each booking only its part inside the period counts (bookings of one bookable never overlap,
   * so the parts add up). The hosts are the bookables booked in the period or active: a host that
   * could be booked and was not counts as unused. Shares are rounded to 4 decimals.
   */
  public Report usage(Sql sql, Instant from, Instant to) {
    long seconds = Duration.between(from, to).toSeconds();
    List<Map<String, Object>> rows =
        sql.rows(
            "WITH parts AS (SELECT k.bookable_id, k.owner_id,"
                + " least(k.end_time, ?::timestamptz) - greatest(k.start_time, ?::timestamptz)"
                + " AS span FROM booking_booking k"
                + " WHERE k.start_time < ?::timestamptz AND k.end_time > ?::timestamptz),"
                + " held AS (SELECT bookable_id, count(*) AS bookings,"
                + " extract(epoch FROM sum(span)) AS seconds"
                + " FROM parts GROUP BY bookable_id),"
                + " biggest AS (SELECT DISTINCT ON (bookable_id) bookable_id, owner_id FROM parts"
                + " GROUP BY bookable_id, owner_id"
                + " ORDER BY bookable_id, count(*) DESC, sum(span) DESC, owner_id),"
                + " hosts AS (SELECT b.id AS bookable, h.id AS host, h.hostname,"
                + " hw.id AS hardware_id, "
                + HARDWARE
                + " AS hardware, l.id AS lab, "
                + LOCATION
                + " AS location, g.name AS \"group\", o.username AS owner,"
                + " bu.username AS biggest_user, coalesce(k.bookings, 0) AS bookings,"
                + " coalesce(k.seconds, 0)::bigint AS booked_seconds,"
                + " round(coalesce(k.seconds, 0)::numeric / ?, 4) AS share"
                + " FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
                + Names.HOST_PLACE
                + " LEFT JOIN accounts_group_v1 g ON g.id = h.group_id"
                + " LEFT JOIN accounts_user_v1 o ON o.id = h.owner_id"
                + " LEFT JOIN held k ON k.bookable_id = b.id"
                + " LEFT JOIN biggest bg ON bg.bookable_id = b.id"
                + " LEFT JOIN accounts_user_v1 bu ON bu.id = bg.owner_id"
                + " WHERE (b.status = 'active' OR k.bookable_id IS NOT NULL)"
                + " AND NOT EXISTS (SELECT 1 FROM booking_reservation rs WHERE rs.bookable_id = b.id"
                + " AND tstzrange(rs.start_time, rs.end_time) @> ?::timestamptz))"
                + " SELECT * FROM ("
                + " SELECT 'hosts' AS part, bookable, host, hostname, hardware_id, hardware, lab,"
                + " location, \"group\", owner, biggest_user, bookings, booked_seconds, share,"
                + " NULL::bigint AS hosts, NULL::bigint AS \"user\", NULL::varchar AS username"
                + " FROM hosts"
                + " UNION ALL SELECT 'hardware', NULL, NULL, NULL, hardware_id, hardware, NULL, NULL,"
                + " NULL, NULL, NULL, sum(bookings)::bigint, sum(booked_seconds)::bigint,"
                + " round(avg(share), 4), count(*), NULL, NULL FROM hosts"
                + " GROUP BY hardware_id, hardware"
                + " UNION ALL SELECT 'labs', NULL, NULL, NULL, NULL, NULL, lab, location, NULL, NULL,"
                + " NULL, sum(bookings)::bigint, sum(booked_seconds)::bigint, round(avg(share), 4),"
                + " count(*), NULL, NULL FROM hosts GROUP BY lab, location"
                + " UNION ALL SELECT 'users', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, count(*), extract(epoch FROM sum(p.span))::bigint, NULL, NULL, p.owner_id,"
                + " u.username"
                + " FROM parts p LEFT JOIN accounts_user_v1 u ON u.id = p.owner_id"
                + " GROUP BY p.owner_id, u.username"
                + ") a ORDER BY part, share DESC NULLS LAST, booked_seconds DESC,"
                + " lower(coalesce(hostname, hardware, location, username)), bookable, hardware_id,"
                + " lab, \"user\"",
            List.of(to, from, to, from, seconds, to));
    Map<String, Object> given =
        Map.of(
            "from",
            from,
            "to",
            to,
            "days",
            BigDecimal.valueOf(seconds)
                .divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP));
    return new Report("usage", parameters(USAGE_PARAMETERS, given::get), Report.split(rows, USAGE));
  }

  /**
   * Reservations open at {@code now} that started at least {@code days} days before (the
   * original's: six months), open longest first: host, holder, hardware, location, start, whole
   * days open, and how many other reservations the holder has that have not ended.
   */
  public Report longReservations(Sql sql, Instant now, int days) {
    List<Map<String, Object>> rows =
        sql.rows(
            "WITH open AS (SELECT r.id, r.bookable_id, r.owner_id, r.start_time, r.end_time,"
                + " count(*) OVER (PARTITION BY r.owner_id) - 1 AS others"
                + " FROM booking_reservation r"
                + " WHERE r.end_time IS NULL OR r.end_time > ?::timestamptz)"
                + " SELECT o.id AS reservation, o.bookable_id AS bookable, h.id AS host,"
                + " h.hostname, o.owner_id AS owner, u.username, "
                + HARDWARE
                + " AS hardware, "
                + LOCATION
                + " AS location, o.start_time AS start, o.end_time AS \"end\","
                + " floor(extract(epoch FROM ?::timestamptz - o.start_time) / 86400)::bigint"
                + " AS days_open, o.others"
                + " FROM open o JOIN booking_bookable b ON b.id = o.bookable_id"
                + " JOIN inventory_host h ON h.id = b.host_id"
                + Names.HOST_PLACE
                + " LEFT JOIN accounts_user_v1 u ON u.id = o.owner_id"
                + " WHERE o.start_time <= ?::timestamptz"
                + " ORDER BY o.start_time, o.id",
            List.of(now, now, now.minus(Duration.ofDays(days))));
    Map<String, Object> given = Map.of("days", days, "at", now);
    return new Report(
        "longreservations",
        parameters(LONG_PARAMETERS, given::get),
        List.of(new Report.Table("reservations", LONG_RESERVATIONS.keys(), rows)));
  }
}
