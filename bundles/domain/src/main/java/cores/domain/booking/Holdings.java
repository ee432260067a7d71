package cores.domain.booking;

import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookings and reservations holding at an instant, read in one statement, with the interval
 * around that instant in which they stay the same: from the last start or end at or before it to
 * the next one after it. A booking holds from its start (included) to its end (excluded), as {@code
 * tstzrange(start_time, end_time) @> now} says; so at any instant of the interval the same ones
 * hold. Immutable; {@link SearchCache} says when it is read again.
 *
 * @param booked the booking holding now of each booked bookable (the exclusion constraint leaves at
 *     most one)
 * @param reserved the bookables with a reservation holding now
 * @param snapshot the snapshot it was read in ({@link cores.domain.sql.ChangeMarkers})
 * @param since the interval's start, null when nothing started or ended before
 * @param until the interval's end (excluded), null when nothing starts or ends later
 * @param readAt the request time it was read at
 */
record Holdings(
    Map<Long, Booked> booked,
    Set<Long> reserved,
    String snapshot,
    Instant since,
    Instant until,
    Instant readAt) {

  /** The tables they are read from, whose change markers say when to read them again. */
  static final List<String> TABLES = List.of("booking_booking", "booking_reservation");

  /**
   * The booking holding now.
   *
   * @param owner its owner's id, null when the owner is gone
   * @param username the owner's username when read (the accounts bundle's users carry no change
   *     marker: {@link SearchCache} compares those shown)
   */
  record Booked(Instant end, Long owner, String username) {}

  private static final String READ =
      "SELECT s.*, k.* FROM (SELECT pg_current_snapshot()::text AS snapshot,"
          + " greatest((SELECT max(start_time) FROM booking_booking WHERE start_time <= ?),"
          + " (SELECT max(end_time) FROM booking_booking WHERE end_time <= ?),"
          + " (SELECT max(start_time) FROM booking_reservation WHERE start_time <= ?),"
          + " (SELECT max(end_time) FROM booking_reservation WHERE end_time <= ?)) AS since,"
          + " least((SELECT min(start_time) FROM booking_booking WHERE start_time > ?),"
          + " (SELECT min(end_time) FROM booking_booking WHERE end_time > ?),"
          + " (SELECT min(start_time) FROM booking_reservation WHERE start_time > ?),"
          + " (SELECT min(end_time) FROM booking_reservation WHERE end_time > ?)) AS until) s"
          + " LEFT JOIN (SELECT bk.bookable_id, bk.end_time, bk.owner_id, u.username"
          + " FROM booking_booking bk LEFT JOIN accounts_user_v1 u ON u.id = bk.owner_id"
          + " WHERE tstzrange(bk.start_time, bk.end_time) @> ?::timestamptz"
          + " UNION ALL SELECT rs.bookable_id, NULL, NULL, NULL FROM booking_reservation rs"
          + " WHERE tstzrange(rs.start_time, rs.end_time) @> ?::timestamptz) k ON true";

  /** Whether these are the ones holding at {@code now}. */
  boolean hold(Instant now) {
    return (since == null || !now.isBefore(since)) && (until == null || now.isBefore(until));
  }

  /** The bookings and reservations holding at {@code now}. */
  static Holdings read(Sql sql, Instant now) {
    List<Map<String, Object>> rows =
        sql.rows(READ, List.of(now, now, now, now, now, now, now, now, now, now));
    Map<String, Object> first = rows.get(0);
    Map<Long, Booked> booked = new HashMap<>();
    Set<Long> reserved = new HashSet<>();
    for (Map<String, Object> row : rows) {
      if (row.get("bookable_id") instanceof Long bookable) {
        if (row.get("end_time") instanceof Instant end) {
          booked.put(
              bookable, new Booked(end, (Long) row.get("owner_id"), (String) row.get("username")));
        } else {
          reserved.add(bookable);
        }
      }
    }
    return new Holdings(
        Map.copyOf(booked),
        Set.copyOf(reserved),
        (String) first.get("snapshot"),
        (Instant) first.get("since"),
        (Instant) first.get("until"),
        now);
  }
}
