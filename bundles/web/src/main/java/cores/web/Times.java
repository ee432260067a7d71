package cores.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the pages show them: in the site's zone ({@code CORES_TIME_ZONE}), in English. */
public final class Times {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);

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
    return time == null ? "" : DATE_TIME.format(time.atZone(zone));
  }

  /** "Wed 2 Dec 2026". */
  public String date(Instant time) {
    return time == null ? "" : DATE.format(time.atZone(zone));
  }

  /** "2 Dec". */
  public String shortDate(LocalDate date) {
    return SHORT.format(date);
  }

  /** "Wed". */
  public String weekday(LocalDate date) {
    return DAY.format(date);
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

  /** How long from now until the instant, roughly: "3 days", "5 hours", "12 minutes". */
  public String until(Instant time) {
    return span(Duration.between(now, time));
  }

  /** How long ago the instant was, roughly. */
  public String since(Instant time) {
    return span(Duration.between(time, now));
  }

  private static String span(Duration duration) {
    long minutes = Math.max(0, duration.toMinutes());
    if (minutes >= 2 * 24 * 60) {
      return minutes / (24 * 60) + " days";
    }
    if (minutes >= 120) {
      return minutes / 60 + " hours";
    }
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
