package cores.domain.booking;

import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The availability strip of a host's page: how much of each of the next days (in the site's zone)
 * its bookings and reservations take.
 */
public final class Availability {
  /** How many days the strip shows, today first. */
  public static final int DAYS = 14;

  private Availability() {}

  /**
   * A reservation touching a day makes it reserved; bookings covering all of it make it booked; a
   * booking touching part of it, partly booked; else it is free.
   */
  public static List<HostSheet.Day> days(List<Hold> holds, LocalDate today, ZoneId zone) {
    List<HostSheet.Day> days = new ArrayList<>(DAYS);
    for (int i = 0; i < DAYS; i++) {
      LocalDate date = today.plusDays(i);
      Instant from = date.atStartOfDay(zone).toInstant();
      Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
      days.add(new HostSheet.Day(date, state(holds, from, to)));
    }
    return days;
  }

  private static HostSheet.State state(List<Hold> holds, Instant from, Instant to) {
    boolean touched = false;
    List<Hold> bookings = new ArrayList<>();
    for (Hold hold : holds) {
      if (!BookingRules.overlap(hold.start(), hold.end(), from, to)) {
        continue;
      }
      if (hold.kind() == Hold.Kind.RESERVATION) {
        return HostSheet.State.RESERVED;
      }
      touched = true;
      bookings.add(hold);
    }
    if (!touched) {
      return HostSheet.State.FREE;
    }
    return covered(bookings, from, to) ? HostSheet.State.BOOKED : HostSheet.State.PARTLY_BOOKED;
  }

  /** Whether the bookings (which never overlap each other) leave no gap in [from, to). */
  private static boolean covered(List<Hold> bookings, Instant from, Instant to) {
    List<Hold> sorted = new ArrayList<>(bookings);
    sorted.sort(java.util.Comparator.comparing(Hold::start));
    Instant reached = from;
    for (Hold booking : sorted) {
      if (booking.start().isAfter(reached)) {
        return false;
      }
      if (booking.end().isAfter(reached)) {
        reached = booking.end();
      }
    }
    return !reached.isBefore(to);
  }
}
