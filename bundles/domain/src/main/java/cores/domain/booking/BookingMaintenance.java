package cores.domain.booking;

import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The booking part of the nightly maintenance job (a {@code MaintenanceStep}). */
public final class BookingMaintenance {
  /** Bookings, and reservations that ended, are kept this long after their end. */
  public static final Duration KEPT = Duration.ofDays(7 * 12);

  /**
   * Deletes bookings and ended reservations that ended more than 12 weeks ago, and the search
   * caches' change records (of tables and of rows) older than a day.
   */
  public Map<String, Long> run(Sql sql, Instant now) {
    Instant before = now.minus(KEPT);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(
        "bookings_deleted",
        (long) sql.update("DELETE FROM booking_booking WHERE end_time < ?", List.of(before)));
    counts.put(
        "reservations_deleted",
        (long)
            sql.update(
                "DELETE FROM booking_reservation WHERE end_time IS NOT NULL AND end_time < ?",
                List.of(before)));
    // the caches keep a result an hour at most, so they never need a change older than a day
    List<Object> dayAgo = List.of(now.minus(Duration.ofDays(1)));
    counts.put(
        "search_changes_deleted",
        (long) sql.update("DELETE FROM domain_change WHERE changed_at < ?", dayAgo)
            + sql.update("DELETE FROM domain_row_change WHERE changed_at < ?", dayAgo));
    return counts;
  }
}
