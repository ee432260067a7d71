package cores.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the pages show them: in the site's zone ({@code CORES_TIME_ZONE}), in English.
 *
 * <p>What is shown is the patterns' text ({@code EEE d MMM yyyy, HH:mm}, {@code EEE d MMM yyyy},
 * {@code d MMM}, {@code EEE}), written by hand for the years 1 to 9999: a {@link DateTimeFormatter}
 * makes a zoned date-time, a print context and builders for each time (25 KB of a dashboard;
 * bench/README.md, "Issue 16 item 4, nineteenth session"). The formatters below write the other
 * years (a sign beyond 9999, the era's years before year 1).
 */
public final class Times {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final int SECONDS_A_DAY = 86_400;

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  private final ZoneId zone;
  private final Instant now;

  public Times(ZoneId zone, Instant now) {
    this.zone = zone;
    this.now = now;
  }

  public ZoneId zone() {
    return zone;
  }

  public Instant now() {
    return now;
  }

  /** Today in the site's zone. */
  public LocalDate today() {
    return LocalDate.ofInstant(now, zone);
  }

  /** "Wed 2 Dec 2026, 14:00"; empty for no time. */
  public String dateTime(Instant time) {
    if (time == null) {
      return "";
    }
    long local = time.getEpochSecond() + zone.getRules().getOffset(time).getTotalSeconds();
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(local, SECONDS_A_DAY));
    if (!byHand(date)) {
      return DATE_TIME.format(time.atZone(zone));
    }
    int minutes = Math.floorMod(local, SECONDS_A_DAY) / 60;
    StringBuilder text = new StringBuilder(22);
    date(text, date).append(", ");
    return twoDigits(twoDigits(text, minutes / 60).append(':'), minutes % 60).toString();
  }

  /** "Wed 2 Dec 2026". */
  public String date(Instant time) {
    if (time == null) {
      return "";
    }
    LocalDate date = LocalDate.ofInstant(time, zone);
    return byHand(date) ? date(new StringBuilder(15), date).toString() : DATE.format(date);
  }

  /**
   * When a booking or reservation ends: the midnight that ends a whole-day booking as the last day
   * it covers, "Wed 9 Dec 2026 (end of day)", as the booking form names it; any other end as its
   * time, "Thu 10 Dec 2026, 12:30"; "open-ended" for none.
   */
  public String end(Instant time) {
    if (time == null) {
      return "open-ended";
    }
    if (time.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return date(time.minusNanos(1)) + " (end of day)";
    }
    return dateTime(time);
  }

  /** "2 Dec". */
  public String shortDate(LocalDate date) {
    return date.getDayOfMonth() + " " + MONTHS[date.getMonthValue() - 1];
  }

  /** "Wed". */
  public String weekday(LocalDate date) {
    return DAYS[date.getDayOfWeek().ordinal()];
  }

  /** The ISO date of the day an instant falls on (form fields of type date). */
  public String isoDate(Instant time) {
    return time == null ? "" : LocalDate.ofInstant(time, zone).toString();
  }

  /**
   * The last day a hold ending at this instant covers (a whole-day booking ends at midnight), as
   * the domain reads it back from the edit form: posted unchanged, the booking keeps its end.
   */
  public String lastDay(Instant end) {
    return end == null ? "" : LocalDate.ofInstant(end.minusNanos(1), zone).toString();
  }

  /**
   * How long from now until the instant, roughly: "3 days", "5 hours", "12 minutes", "less than a
   * minute".
   */
  public String until(Instant time) {
    return span(Duration.between(now, time), "less than a minute");
  }

  /** When the instant was, roughly: "3 days ago", "12 minutes ago", "just now". */
  public String ago(Instant time) {
    String span = span(Duration.between(time, now), null);
    return span == null ? "just now" : span + " ago";
  }

  /** Whether the date's year has the four digits that {@code yyyy} writes without a sign. */
  private static boolean byHand(LocalDate date) {
    return date.getYear() >= 1 && date.getYear() <= 9999;
  }

  /** "EEE d MMM yyyy" of a date {@link #byHand}. */
  private static StringBuilder date(StringBuilder text, LocalDate date) {
    text.append(DAYS[date.getDayOfWeek().ordinal()])
        .append(' ')
        .append(date.getDayOfMonth())
        .append(' ')
        .append(MONTHS[date.getMonthValue() - 1])
        .append(' ');
    int year = date.getYear();
    for (int unit = 1000; unit > year && unit > 1; unit /= 10) {
      text.append('0');
    }
    return text.append(year);
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** A duration, roughly; {@code underAMinute} when it is less than a minute (or negative). */
  private static String span(Duration duration, String underAMinute) {
    long minutes = Math.max(0, duration.toMinutes());
    if (minutes == 0) {
      return underAMinute;
    }
    if (minutes >= 2 * 24 * 60) {
      return minutes / (24 * 60) + " days";
    }
    if (minutes >= 120) {
      return minutes / 60 + " hours";
    }
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
