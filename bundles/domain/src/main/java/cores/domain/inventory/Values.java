package cores.domain.inventory;

import cores.api.web.Characters;
import cores.api.web.Dates;
import cores.api.web.EmailAddresses;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Map;

/** Checks a JSON value against a field; null means valid. */
public final class Values {
  /** What a whole number beyond the columns' range is told. */
  public static final String TOO_LARGE = "too large: at most " + Integer.MAX_VALUE;

  private Values() {}

  /**
   * The problem of a value that replaces {@code stored} (null for a new row); a date-time without
   * an offset is one of {@code zone} ({@link #time}).
   */
  static String problem(Field field, Object value, Object stored, ZoneId zone) {
    return switch (field.kind()) {
      case TEXT -> {
        if (!(value instanceof String text)) {
          yield "must be a string";
        }
        if (field.required() && text.isBlank()) {
          yield "may not be blank";
        }
        String tooLong = Characters.atMost(text, field.max());
        // a value stored before the rule (the original's data) may still be sent back as it is
        yield tooLong != null || text.equals(stored)
            ? tooLong
            : switch (field.text()) {
              case NAME -> firstOf(Characters.invisible(text), Characters.oneLine(text));
              case PROSE -> firstOf(Characters.directionControl(text), Characters.oneLine(text));
              case LINES -> null;
            };
      }
      case INT -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          yield "must be a whole number";
        }
        long number = ((Number) value).longValue();
        if (!field.choices().isEmpty()) {
          yield field.choices().contains(String.valueOf(number))
              ? null
              : "must be one of " + field.choices();
        }
        if (number > Integer.MAX_VALUE) {
          yield TOO_LARGE;
        }
        yield number < field.max() ? "must be a whole number of at least " + field.max() : null;
      }
      case BOOL -> value instanceof Boolean ? null : "must be true or false";
      case REF ->
          (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0
              ? null
              : "must be the id (a positive whole number) of a " + field.name();
      case MAC -> value instanceof String text ? Addresses.mac(text) : "must be a string";
      case INET -> value instanceof String text ? Addresses.ip(text) : "must be a string";
      case CIDR -> value instanceof String text ? Addresses.cidr(text) : "must be a string";
      case CHOICE -> field.choices().contains(value) ? null : "must be one of " + field.choices();
      case TIME -> {
        if (!(value instanceof String text)) {
          yield "must be a string: an ISO-8601 date and time, e.g. 2026-01-31T09:00:00+01:00";
        }
        try {
          time(text, zone);
          yield null;
        } catch (IllegalArgumentException e) {
          yield e.getMessage();
        }
      }
      case EMAIL -> {
        if (!(value instanceof String text)) {
          yield "must be a string";
        }
        yield EmailAddresses.problem(text, field.max(), stored instanceof String s ? s : null);
      }
      case DATE ->
          value instanceof String text && date(text) != null
              ? null
              : "must be a date (yyyy-mm-dd) " + Dates.YEARS;
    };
  }

  private static String firstOf(String problem, String next) {
    return problem != null ? problem : next;
  }

  /** The value as bound to the statement, once {@link #problem} found none. */
  static Object stored(Field field, Object value, ZoneId zone) {
    return switch (field.kind()) {
      case TIME -> time((String) value, zone);
      case DATE -> value instanceof String text ? date(text) : null;
      default -> value instanceof Integer number ? number.longValue() : value;
    };
  }

  /** What {@link #time} reads, as a JSON Schema (the parse decides; this is its form). */
  public static final Map<String, Object> TIME_SCHEMA =
      Map.of(
          "type",
          "string",
          "pattern",
          "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}",
          "description",
          "an ISO-8601 date and time, e.g. 2026-01-31T09:00:00+01:00; without an offset in"
              + " CORES_TIME_ZONE; a space may stand for the T");

  /**
   * The one rule for a date and time sent as text, for every date-time field, on the API, the
   * admin's forms and the pages, as the original read them: an ISO-8601 date and time with an
   * offset or zone as given, without one in {@code zone} (CORES_TIME_ZONE); a space may stand for
   * the {@code T}. A date alone, or anything else, is refused with the format to send. Digits finer
   * than a microsecond are dropped: PostgreSQL keeps microseconds and would round them,
   * 9999-12-31T23:59:59.9999999Z up into the year 10000, past the checks made here.
   *
   * @throws IllegalArgumentException whose message says what to send
   */
  public static Instant time(String text, ZoneId zone) {
    String iso = text.strip().replaceFirst(" ", "T");
    try {
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
      Instant instant =
          (parsed instanceof ZonedDateTime zoned
                  ? zoned.toInstant()
                  : ((LocalDateTime) parsed).atZone(zone).toInstant())
              .truncatedTo(ChronoUnit.MICROS);
      if (!Dates.inRange(instant)) {
        throw new IllegalArgumentException("the date and time " + Dates.OUT_OF_RANGE);
      }
      return instant;
    } catch (DateTimeParseException e) {
      String format =
          "send an ISO-8601 date and time, e.g. 2026-01-31T09:00:00+01:00, or 2026-01-31T09:00"
              + " for "
              + zone.getId()
              + " time";
      throw new IllegalArgumentException(
          (isDate(iso) ? "a date alone is not enough: " : "not a date and time: ") + format);
    }
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static LocalDate date(String text) {
    return Dates.date(text);
  }
}
