package cores.domain.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The time rules of bookings and reservations (DOMAIN.md), each in one place. */
public final class BookingRules {
  /** Longer holds are reservations. */
  public static final Duration MAX_BOOKING = Duration.ofDays(31);

  private BookingRules() {}

  /** Problems of a new booking's times, field to message; empty when it may be made. */
  public static Map<String, String> bookingTimes(Instant start, Instant end, Instant now) {
    Map<String, String> problems = new LinkedHashMap<>();
    startNotInPast(start, now, problems);
    if (end == null) {
      problems.put("end", "required");
    } else if (!end.isAfter(start)) {
      problems.put("end", "must be after the start");
    } else if (Duration.between(start, end).compareTo(MAX_BOOKING) > 0) {
      problems.put(
          "end", "a booking lasts at most " + MAX_BOOKING.toDays() + " days; reserve instead");
    }
    return problems;
  }

  /** Problems of a new reservation's times: it may start in the future and be open-ended. */
  public static Map<String, String> reservationTimes(Instant start, Instant end, Instant now) {
    Map<String, String> problems = new LinkedHashMap<>();
    startNotInPast(start, now, problems);
    if (end != null && !end.isAfter(start)) {
      problems.put("end", "must be after the start");
    }
    return problems;
  }

  /** Only what has not started yet may be cancelled. */
  public static boolean cancellable(Instant start, Instant now) {
    return start.isAfter(now);
  }

  /** Whether [start, end) and [otherStart, otherEnd) share an instant; a null end is open. */
  public static boolean overlap(Instant start, Instant end, Instant otherStart, Instant otherEnd) {
    return (otherEnd == null || start.isBefore(otherEnd))
        && (end == null || otherStart.isBefore(end));
  }

  private static void startNotInPast(Instant start, Instant now, Map<String, String> problems) {
    if (start.isBefore(now)) {
      problems.put("start", "may not be in the past");
    }
  }
}
