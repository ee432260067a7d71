package cores.domain.inventory;

import cores.api.web.Characters;
import cores.api.web.Dates;
import cores.api.web.EmailAddresses;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Checks a JSON value against a field; null means valid. */
public final class Values {
  /** What a whole number beyond the columns' range is told. */
  public static final String TOO_LARGE = "too large: at most " + Integer.MAX_VALUE;

  private Values() {}

  static String problem(Field field, Object value) {
    return problem(field, value, null);
  }

  /** The problem of a value that replaces {@code stored} (null for a new row). */
  static String problem(Field field, Object value, Object stored) {
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
      case TIME ->
          value instanceof String text && instant(text) != null
              ? null
              : "must be a date and time (ISO-8601, e.g. 2026-01-31T12:00:00Z) " + Dates.YEARS;
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

  /** The value as bound to the statement. */
  static Object stored(Field field, Object value) {
    return switch (field.kind()) {
      case TIME -> value instanceof String text ? instant(text) : null;
      case DATE -> value instanceof String text ? date(text) : null;
      default -> value instanceof Integer number ? number.longValue() : value;
    };
  }

  /**
   * The instant, UTC when the text has no offset; null when it is not a date-time. Digits finer
   * than a microsecond are dropped: PostgreSQL keeps microseconds and would round them,
   * 9999-12-31T23:59:59.9999999Z up into the year 10000, past the range checked here.
   */
  static Instant instant(String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    return Dates.inRange(micros) ? micros : null;
  }

  static LocalDate date(String text) {
    return Dates.date(text);
  }
}
