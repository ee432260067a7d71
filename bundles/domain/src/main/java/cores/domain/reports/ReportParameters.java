package cores.domain.reports;

import cores.api.web.Dates;
import cores.api.web.FieldErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * What the reports may be asked for, checked alike for the REST API (query strings) and the pages
 * (typed values): the usage report's period and the long reservations' threshold. Problems are
 * field errors (400) at {@code days}, {@code from}, {@code to}.
 */
public final class ReportParameters {
  /** The longest usage period (about ten years). */
  public static final int MAX_PERIOD_DAYS = 3660;

  /** The largest threshold of the long reservations (about a century). */
  public static final int MAX_RESERVATION_DAYS = 36_500;

  /** A period: from its first instant to the instant after it. */
  public record Period(Instant from, Instant to) {}

  private ReportParameters() {}

  /**
   * The usage report's period from query strings: {@code from} and {@code to} (yyyy-mm-dd), or the
   * last {@code days} days; null when absent.
   */
  public static Period usage(String days, String from, String to, Instant now, ZoneId zone) {
    FieldErrors errors = new FieldErrors();
    Integer length = days == null ? null : number("days", days, 1, MAX_PERIOD_DAYS, errors);
    LocalDate first = from == null ? null : day("from", from, errors);
    LocalDate last = to == null ? null : day("to", to, errors);
    errors.throwIfAny();
    return usage(length, first, last, now, zone);
  }

  /**
   * The usage report's period: {@code from} to {@code to} as days in the zone (both included), or
   * the last {@code days} days up to now (90 when all are null).
   */
  public static Period usage(Integer days, LocalDate from, LocalDate to, Instant now, ZoneId zone) {
    if (from == null && to == null) {
      int length =
          days == null
              ? (int) Reports.USAGE_WINDOW.toDays()
              : range("days", days, 1, MAX_PERIOD_DAYS);
      return new Period(now.minus(Duration.ofDays(length)), now);
    }
    FieldErrors errors = new FieldErrors();
    errors.check("from", from == null ? "required with to" : null);
    errors.check("to", to == null ? "required with from" : null);
    errors.check("days", days != null ? "give either days or from and to" : null);
    errors.throwIfAny();
    if (to.isBefore(from)) {
      throw FieldErrors.single("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
      throw FieldErrors.single("to", "a period is at most " + MAX_PERIOD_DAYS + " days");
    }
    return new Period(
        from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** The long reservations' threshold from a query string; the default when absent. */
  public static int reservationDays(String days) {
    FieldErrors errors = new FieldErrors();
    Integer number = days == null ? null : number("days", days, 0, MAX_RESERVATION_DAYS, errors);
    errors.throwIfAny();
    return reservationDays(number);
  }

  /** The long reservations' threshold: 0 to 36,500 days, 180 when null. */
  public static int reservationDays(Integer days) {
    return days == null
        ? Reports.LONG_RESERVATION_DAYS
        : range("days", days, 0, MAX_RESERVATION_DAYS);
  }

  private static int range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw FieldErrors.single(name, wholeFrom(min, max));
    }
    return value;
  }

  private static Integer number(String name, String value, int min, int max, FieldErrors errors) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // recorded below
    }
    errors.check(name, wholeFrom(min, max));
    return null;
  }

  private static String wholeFrom(int min, int max) {
    return "must be a whole number from " + min + " to " + max;
  }

  private static LocalDate day(String name, String value, FieldErrors errors) {
    LocalDate day = Dates.date(value);
    if (day == null) {
      errors.check(name, "must be a date (yyyy-mm-dd) " + Dates.YEARS);
    }
    return day;
  }
}
