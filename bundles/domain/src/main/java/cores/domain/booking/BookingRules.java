package cores.domain.booking;

import cores.api.web.Dates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** The time rules of bookings and reservations (DOMAIN.md), each in one place. */
public final class BookingRules {
  /** The most days a booking lasts: longer holds are reservations. */
  public static final int MAX_BOOKING_DAYS = 31;

  /**
   * How far before now the new end of a running booking may lie and still mean "now": a client that
   * gives a booking back sends the time it read, which arrives a little late (and its clock may be
   * a little off).
   */
  public static final int END_NOW_GRACE_SECONDS = 60;

  /** {@link #END_NOW_GRACE_SECONDS} as a duration. */
  public static final Duration END_NOW_GRACE = Duration.ofSeconds(END_NOW_GRACE_SECONDS);

  private BookingRules() {}

  /**
   * The end a change of a booking asks for ({@code end}; {@code before} is the stored one): an end
   * at most {@link #END_NOW_GRACE} before now, of a booking that is running (has started, has not
   * ended), is now: the booking is given back at once, as the page's "Give it back now" does. Any
   * other end is as given, for {@link #changedBookingEnd} to check: a booking's past is not
   * rewritten.
   */
  public static Instant askedBookingEnd(Instant start, Instant before, Instant end, Instant now) {
    boolean running = !start.isAfter(now) && before.isAfter(now);
    return running && end != null && end.isBefore(now) && withinGrace(end, now) ? now : end;
  }

  /**
   * Whether a time is at most {@link #END_NOW_GRACE} before now (or later): one a client read as
   * "now" and sent, which arrived a little late. The one grace of every "now" sent.
   */
  static boolean withinGrace(Instant time, Instant now) {
    return !time.isBefore(now.minus(END_NOW_GRACE));
  }

  /**
   * The start a new booking or reservation asks for ({@code start}): none, or one at most {@link
   * #END_NOW_GRACE} before now, is now. A client that books from now sends the time it read, which
   * arrives a little late, as when it gives a booking back; an earlier start is as given, for the
   * rules to refuse.
   */
  public static Instant askedStart(Instant start, Instant now) {
    return start == null || (start.isBefore(now) && withinGrace(start, now)) ? now : start;
  }

  /**
   * Problems of a new booking's times, field to message; empty when it may be made. {@code zone} is
   * the site's ({@code CORES_TIME_ZONE}), whose days the booking's length is counted in.
   */
  public static Map<String, String> bookingTimes(
      Instant start, Instant end, Instant now, ZoneId zone) {
    Map<String, String> problems = new LinkedHashMap<>();
    startNotInPast(start, now, problems);
    bookingPeriod(start, end, zone, problems);
    return problems;
  }

  /**
   * Problems of a booking's new end ({@code end}; {@code before} is the stored one): the period
   * keeps a new booking's rules, except that the start may have passed; the new end may not be in
   * the past, and a booking that has ended cannot be extended (book again instead).
   */
  public static Map<String, String> changedBookingEnd(
      Instant start, Instant before, Instant end, Instant now, ZoneId zone) {
    Map<String, String> problems = new LinkedHashMap<>();
    bookingPeriod(start, end, zone, problems);
    if (problems.isEmpty()) {
      endNotInPast(end, now, problems);
    }
    if (problems.isEmpty() && lengthens(before, end)) {
      endedNotExtended("booking", before, now, problems);
    }
    return problems;
  }

  /** Problems of a new reservation's times: it may start in the future and be open-ended. */
  public static Map<String, String> reservationTimes(Instant start, Instant end, Instant now) {
    Map<String, String> problems = new LinkedHashMap<>();
    startNotInPast(start, now, problems);
    reservationPeriod(start, end, problems);
    return problems;
  }

  /**
   * Problems of a reservation's new end (null: open-ended; {@code before} is the stored one): the
   * end may be moved into the past (ending it), but one that has ended cannot be extended.
   */
  public static Map<String, String> changedReservationEnd(
      Instant start, Instant before, Instant end, Instant now) {
    Map<String, String> problems = new LinkedHashMap<>();
    reservationPeriod(start, end, problems);
    if (problems.isEmpty() && lengthens(before, end)) {
      endedNotExtended("reservation", before, now, problems);
    }
    return problems;
  }

  /**
   * Whether moving a hold's end from {@code before} to {@code end} (null: open) makes it longer:
   * then the rules of a new hold apply to the bookable and its owner again.
   */
  public static boolean lengthens(Instant before, Instant end) {
    return before != null && (end == null || end.isAfter(before));
  }

  private static void bookingPeriod(
      Instant start, Instant end, ZoneId zone, Map<String, String> problems) {
    if (end == null) {
      problems.put("end", "required");
    } else if (!Dates.inRange(end)) {
      // whole days end at the next midnight: a last day of 9999-12-31 (UTC) ends in the year 10000
      problems.put("end", "would end after the year " + Dates.MAX_YEAR + " (at " + end + ")");
    } else if (!end.isAfter(start)) {
      problems.put("end", "must be after the start");
    } else if (end.isAfter(latestEnd(start, zone))) {
      problems.put("end", "a booking lasts at most " + MAX_BOOKING_DAYS + " days; reserve instead");
    }
  }

  /**
   * The latest end of a booking from {@code start}: {@link #MAX_BOOKING_DAYS} days later on the
   * clocks of {@code zone}, not as many times 24 hours, so that 31 whole days of the site are a
   * booking also when summer time ends within them (a day of 25 hours).
   */
  static Instant latestEnd(Instant start, ZoneId zone) {
    return start.atZone(zone).plusDays(MAX_BOOKING_DAYS).toInstant();
  }

  private static void reservationPeriod(Instant start, Instant end, Map<String, String> problems) {
    if (end != null && !end.isAfter(start)) {
      problems.put("end", "must be after the start");
    }
  }

  private static void endNotInPast(Instant end, Instant now, Map<String, String> problems) {
    if (end.isBefore(now)) {
      problems.put("end", "may not be in the past");
    }
  }

  private static void endedNotExtended(
      String what, Instant before, Instant now, Map<String, String> problems) {
    if (!before.isAfter(now)) {
      problems.put(
          "end",
          "this " + what + " has ended and cannot be extended; make a new " + what + " instead");
    }
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

  /**
   * The start of a hold made for whole days from the site's pages: the beginning of the first day
   * in the site's zone, or now when that day is today (so a booking for today starts at once). A
   * day that ended at most {@link #END_NOW_GRACE} ago is today too: a form for today opened before
   * midnight and sent just after it, as {@link #askedStart} grants the API's "now".
   */
  public static Instant firstDay(LocalDate first, ZoneId zone, Instant now) {
    Instant start = first.atStartOfDay(zone).toInstant();
    return start.isBefore(now) && withinGrace(lastDay(first, zone), now) ? now : start;
  }

  /** The end of a hold made for whole days: the end of the last day (the next midnight). */
  public static Instant lastDay(LocalDate last, ZoneId zone) {
    return last.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /**
   * The last day a hold ending at {@code end} covers: one ending at midnight ends the day before.
   */
  private static LocalDate lastDayOf(Instant end, ZoneId zone) {
    return LocalDate.ofInstant(end.minusNanos(1), zone);
  }

  /**
   * The new end of a booking ending at {@code end} whose last day is changed to {@code last}: the
   * end of that day, or null (the end stays) when it is the day the booking already ends on, so
   * that changing only the comment keeps an end that is not at midnight (a booking of a few hours
   * from the API) and does not check the end's rules again.
   */
  public static Instant changedLastDay(Instant end, LocalDate last, ZoneId zone) {
    return last.equals(lastDayOf(end, zone)) ? null : lastDay(last, zone);
  }

  private static void startNotInPast(Instant start, Instant now, Map<String, String> problems) {
    if (start.isBefore(now)) {
      problems.put("start", "may not be in the past");
    }
  }
}
