package cores.domain.inventory;

import cores.api.web.FieldErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one rule for a field a client reads but may not set (an id, an owner, a creation time, a
 * value Cores derives) when a body sends it, as a client of the original (DRF) does that sends a
 * row back as it read it: with the value the row has, it is taken and ignored; with another, it is
 * a 400 at the field saying it is read-only, never silently ignored. A name the row does not show
 * is an unknown field.
 */
public final class ReadOnly {
  /** The problem of a read-only field sent with another value than the row has. */
  public static final String PROBLEM = FieldErrors.READ_ONLY;

  /** The problem of a field the row does not have. */
  public static final String UNKNOWN = "unknown field";

  /**
   * A read-only field in the schema of a write, which takes it so that a row read may be sent back.
   */
  public static final Map<String, Object> SCHEMA =
      Map.of("description", FieldErrors.READ_ONLY_DESCRIPTION);

  private ReadOnly() {}

  /**
   * Records the problem of every field of {@code sent} that is not {@code writable}: unknown where
   * {@code row} (the row as answered; for a new row its read-only names, each null) does not hold
   * it, read-only where it holds another value. A date-time without an offset is one of {@code
   * zone}, as {@link Values#time} reads it.
   */
  public static void check(
      FieldErrors errors,
      Map<String, ?> sent,
      Predicate<String> writable,
      Map<String, ?> row,
      ZoneId zone) {
    sent.forEach(
        (name, value) -> {
          if (writable.test(name)) {
            return;
          }
          if (!row.containsKey(name)) {
            errors.check(name, UNKNOWN);
          } else if (!same(value, row.get(name), zone)) {
            errors.check(name, PROBLEM);
          }
        });
  }

  /**
   * Whether a JSON value is the one the row holds as the API writes it: a number of the same value,
   * a date-time text of the same instant, lists alike item by item, objects field by field, other
   * values equal.
   */
  static boolean same(Object sent, Object held, ZoneId zone) {
    if (sent == null || held == null) {
      return sent == held;
    }
    if (held instanceof Instant instant) {
      return sent instanceof String text && instant.equals(instant(text, zone));
    }
    if (held instanceof Number number) {
      return sent instanceof Number given && equal(given, number);
    }
    if (held instanceof List<?> items) {
      return sent instanceof List<?> given && sameItems(given, items, zone);
    }
    if (held instanceof Map<?, ?> fields) {
      return sent instanceof Map<?, ?> given
          && given.keySet().equals(fields.keySet())
          && fields.entrySet().stream()
              .allMatch(field -> same(given.get(field.getKey()), field.getValue(), zone));
    }
    return held.equals(sent);
  }

  private static boolean sameItems(List<?> sent, List<?> held, ZoneId zone) {
    if (sent.size() != held.size()) {
      return false;
    }
    Iterator<?> given = sent.iterator();
    for (Object item : held) {
      if (!same(given.next(), item, zone)) {
        return false;
      }
    }
    return true;
  }

  private static boolean equal(Number sent, Number held) {
    try {
      return new BigDecimal(sent.toString()).compareTo(new BigDecimal(held.toString())) == 0;
    } catch (NumberFormatException notFinite) {
      return false;
    }
  }

  private static Instant instant(String text, ZoneId zone) {
    try {
      return Values.time(text, zone);
    } catch (IllegalArgumentException notADateTime) {
      return null;
    }
  }
}
