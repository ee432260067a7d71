package cores.domain.booking;

import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Host pages' sheets ({@link HostSheet}) kept between requests, for everyone (a sheet shows the
 * same to every visitor; what differs is rendered per request). A sheet is served again only while
 * it is provably what reading again would give:
 *
 * <ul>
 *   <li>no transaction that changed a table it reads committed after the snapshot it was read in
 *       ({@link ChangeMarkers}, a host's {@code lastseen} included: this holds with several
 *       instances and without waiting for any message);
 *   <li>the users and the group it names still have the names shown (the accounts bundle's tables
 *       have no markers of the domain's; checked in the same statement);
 *   <li>none of its bookings and reservations started or ended since, and the day (in the site's
 *       zone) is the same: which holds have not ended, the current reservation and the 14 days'
 *       availability only change then;
 *   <li>at most {@link #MAX_AGE}.
 * </ul>
 *
 * Checking costs one statement in place of four.
 */
final class HostSheets {
  /** Far less than the day {@code domain_change} keeps its rows. */
  static final Duration MAX_AGE = Duration.ofHours(1);

  /** Sheets kept at most, the least recently shown dropped first. */
  static final int SHEETS = 2_000;

  /** The tables a sheet reads besides the accounts bundle's users and groups. */
  static final List<String> READS =
      List.of(
          "inventory_host",
          ChangeMarkers.HOST_LASTSEEN,
          "inventory_hosthardware",
          "inventory_hosttype",
          "inventory_hdvendor",
          "inventory_rack",
          "inventory_lab",
          "inventory_building",
          "inventory_nic",
          "inventory_card",
          "inventory_cardtype",
          "booking_bookable",
          "booking_booking",
          "booking_reservation");

  private static final String SNAPSHOT = "SELECT " + ChangeMarkers.SNAPSHOT + " AS snapshot";

  private static final String UNCHANGED =
      "SELECT "
          + ChangeMarkers.UNCHANGED
          + " AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::text[], ?::text[])"
          + " AS o(id, username, name) LEFT JOIN accounts_user_v1 u ON u.id = o.id"
          + " WHERE u.username IS DISTINCT FROM o.username OR "
          + String.format(BookingMail.NAME, "u")
          + " IS DISTINCT FROM o.name)"
          + " AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::text[]) AS o(id, name)"
          + " LEFT JOIN accounts_group_v1 g ON g.id = o.id WHERE g.name IS DISTINCT FROM o.name)"
          + " AS unchanged";

  /**
   * A sheet as read, with the accounts' names it shows as the database gave them (null for a user
   * or group deleted meanwhile).
   */
  record Read(HostSheet sheet, List<Named> users, List<Named> groups) {}

  /** A user's id, username and display name, or a group's id and name (username null). */
  record Named(long id, String username, String name) {}

  private record Kept(Read read, String snapshot, Instant from, Instant until) {}

  /** In access order, so the first is the least recently used. */
  private final Map<Long, Kept> sheets = new LinkedHashMap<>(64, 0.75f, true);

  private final ZoneId zone;

  HostSheets(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The host's sheet at {@code now}: the kept one when still right, else {@code read} (null: none).
   */
  HostSheet sheet(Sql sql, long host, Instant now, Function<Sql, Read> read) {
    HostSheet kept = kept(sql, host, now);
    if (kept != null) {
      return kept;
    }
    String snapshot = (String) sql.row(SNAPSHOT, List.of()).get("snapshot");
    Read fresh = read.apply(sql);
    if (fresh == null) {
      return null;
    }
    put(host, new Kept(fresh, snapshot, now, until(fresh.sheet(), now)));
    return fresh.sheet();
  }

  /**
   * The kept sheet of the host when it is still right at {@code now} (one statement, which may run
   * in autocommit: it needs no transaction), else null.
   */
  HostSheet kept(Sql sql, long host, Instant now) {
    Kept kept = get(host);
    return kept != null
            && !now.isBefore(kept.from())
            && now.isBefore(kept.until())
            && unchanged(sql, kept)
        ? kept.read().sheet()
        : null;
  }

  /** The first instant the sheet may show otherwise without a change of the tables. */
  private Instant until(HostSheet sheet, Instant now) {
    Instant until = now.plus(MAX_AGE);
    Instant tomorrow = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    if (tomorrow.isBefore(until)) {
      until = tomorrow;
    }
    for (Hold hold : sheet.holds()) {
      for (Instant edge : new Instant[] {hold.start(), hold.end()}) {
        if (edge != null && edge.isAfter(now) && edge.isBefore(until)) {
          until = edge;
        }
      }
    }
    return until;
  }

  private static boolean unchanged(Sql sql, Kept kept) {
    List<Object> params = new ArrayList<>(ChangeMarkers.unchanged(READS, kept.snapshot()));
    List<Named> users = kept.read().users();
    params.add(users.stream().map(Named::id).toArray(Long[]::new));
    params.add(users.stream().map(Named::username).toArray(String[]::new));
    params.add(users.stream().map(Named::name).toArray(String[]::new));
    List<Named> groups = kept.read().groups();
    params.add(groups.stream().map(Named::id).toArray(Long[]::new));
    params.add(groups.stream().map(Named::name).toArray(String[]::new));
    return Boolean.TRUE.equals(sql.row(UNCHANGED, params).get("unchanged"));
  }

  private synchronized Kept get(long host) {
    return sheets.get(host);
  }

  private synchronized void put(long host, Kept kept) {
    sheets.put(host, kept);
    Iterator<Kept> eldest = sheets.values().iterator();
    while (sheets.size() > SHEETS) {
      eldest.next();
      eldest.remove();
    }
  }
}
