package cores.domain.reports;

import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The reports of DOMAIN.md, each one statement. */
public final class Reports {
  /** The usage report looks back this far. */
  public static final Duration USAGE_WINDOW = Duration.ofDays(90);

  /** Every host and card with its serial and asset numbers: hosts first, then cards, by name. */
  public Report assets(Sql sql) {
    return new Report(
        "assets",
        List.of("kind", "id", "name", "hardware", "serial_no", "asset_no", "status", "host"),
        sql.rows(
            "SELECT * FROM ("
                + " SELECT 'host' AS kind, h.id, h.hostname AS name, hw.name AS hardware,"
                + " h.serial_no, h.asset_no, h.status, NULL::varchar AS host"
                + " FROM inventory_host h"
                + " JOIN inventory_hosthardware hw ON hw.id = h.hardware_id"
                + " UNION ALL"
                + " SELECT 'card', c.id, ct.name, NULL, '', c.asset_no, NULL, ch.hostname"
                + " FROM inventory_card c"
                + " JOIN inventory_cardtype ct ON ct.id = c.cardtype_id"
                + " LEFT JOIN inventory_host ch ON ch.id = c.host_id"
                + ") a ORDER BY a.kind = 'card', lower(a.name), a.id",
            List.of()));
  }

  /**
   * Bookables by the share of the last 90 days (up to now) they were booked, highest first: of each
   * booking only the part inside the window counts (bookings of one bookable never overlap, so the
   * parts add up). Share is booked time over the window's length, rounded to 4 decimals.
   */
  public Report usage(Sql sql, Instant now) {
    Instant from = now.minus(USAGE_WINDOW);
    return new Report(
        "usage",
        List.of("bookable", "hostname", "status", "booked_seconds", "share"),
        sql.rows(
            "SELECT b.id AS bookable, h.hostname, b.status,"
                + " coalesce(sum(extract(epoch FROM upper(k.part) - lower(k.part))), 0)::bigint"
                + " AS booked_seconds,"
                + " round(coalesce(sum(extract(epoch FROM upper(k.part) - lower(k.part))), 0)"
                + "::numeric / ?::numeric, 4) AS share"
                + " FROM booking_bookable b"
                + " JOIN inventory_host h ON h.id = b.host_id"
                + " LEFT JOIN (SELECT bookable_id,"
                + " tstzrange(start_time, end_time) * tstzrange(?::timestamptz, ?::timestamptz)"
                + " AS part"
                + " FROM booking_booking"
                + " WHERE start_time < ?::timestamptz AND end_time > ?::timestamptz) k"
                + " ON k.bookable_id = b.id"
                + " GROUP BY b.id, h.hostname, b.status"
                + " ORDER BY booked_seconds DESC, lower(h.hostname), b.id",
            List.of(USAGE_WINDOW.toSeconds(), from, now, now, from)));
  }

  /** Reservations open now (started, not ended), open longest first. */
  public Report longReservations(Sql sql, Instant now) {
    return new Report(
        "longreservations",
        List.of(
            "reservation",
            "bookable",
            "hostname",
            "owner",
            "username",
            "start",
            "end",
            "days_open"),
        sql.rows(
            "SELECT r.id AS reservation, r.bookable_id AS bookable, h.hostname,"
                + " r.owner_id AS owner, u.username, r.start_time AS start, r.end_time AS \"end\","
                + " floor(extract(epoch FROM ?::timestamptz - r.start_time) / 86400)::bigint"
                + " AS days_open"
                + " FROM booking_reservation r"
                + " JOIN booking_bookable b ON b.id = r.bookable_id"
                + " JOIN inventory_host h ON h.id = b.host_id"
                + " LEFT JOIN auth_user u ON u.id = r.owner_id"
                + " WHERE r.start_time <= ?::timestamptz"
                + " AND (r.end_time IS NULL OR r.end_time > ?::timestamptz)"
                + " ORDER BY r.start_time, r.id",
            List.of(now, now, now)));
  }
}
