package cores.api.booking;

import java.time.Instant;

/**
 * A booking or a reservation of a bookable, with what a page shows of its host.
 *
 * @param end null for an open-ended reservation
 */
public record Hold(
    Kind kind,
    long id,
    long bookable,
    long host,
    String hostname,
    String ip,
    UserRef owner,
    Instant start,
    Instant end,
    String comment,
    Instant created) {

  /** Bookings have an end; reservations hold until an admin ends them. */
  public enum Kind {
    BOOKING,
    RESERVATION
  }

  /** Whether it holds the bookable at that instant. */
  public boolean current(Instant now) {
    return !start.isAfter(now) && (end == null || end.isAfter(now));
  }

  /** Whether it has not started yet (only then may it be cancelled). */
  public boolean upcoming(Instant now) {
    return start.isAfter(now);
  }

  /** Whether it ended before that instant. */
  public boolean ended(Instant now) {
    return end != null && !end.isAfter(now);
  }
}
