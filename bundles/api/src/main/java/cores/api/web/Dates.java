package cores.api.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The dates Cores accepts from people and programs: years 1 to 9999. Java parses years up to a
 * billion and PostgreSQL refuses some of them (timestamps end in 294276) or stores others as {@code
 * infinity}; a bound well inside both gives every such value a field error instead of a failed
 * statement.
 */
public final class Dates {
  public static final int MIN_YEAR = 1;
  public static final int MAX_YEAR = 9999;

  /** The range, to end a field's message: "must be a date (yyyy-mm-dd) " + YEARS. */
  public static final String YEARS = "in the years " + MIN_YEAR + " to " + MAX_YEAR;

  /** The message for a date or time outside {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
  public static final String OUT_OF_RANGE = "must be " + YEARS;

  private static final Instant FIRST =
      LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Instant END =
      LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  private Dates() {}

  public static boolean inRange(LocalDate date) {
    return date.getYear() >= MIN_YEAR && date.getYear() <= MAX_YEAR;
  }

  public static boolean inRange(Instant instant) {
    return !instant.isBefore(FIRST) && instant.isBefore(END);
  }

  /** An ISO date (yyyy-mm-dd) in range, or null when the text is not one. */
  public static LocalDate date(String text) {
    try {
      LocalDate date = LocalDate.parse(text);
      return inRange(date) ? date : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
