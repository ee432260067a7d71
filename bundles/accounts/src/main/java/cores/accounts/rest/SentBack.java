package cores.accounts.rest;

import cores.api.web.FieldErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The read-only fields of a user or group (its id, its times) in a body, so that a row read may be
 * sent back as it was read, as to the original (DRF), by the rule the inventory's rows follow: with
 * the value the row has, a field is taken and ignored; with another, it is a 400 at the field
 * ({@link FieldErrors#READ_ONLY}). The values here are an id and instants only, so the comparison
 * is this small one; a date-time must carry its offset, as the API writes it.
 */
final class SentBack {
  /** The schema of a read-only field that a write takes. */
  static final Map<String, Object> SCHEMA =
      Map.of("description", FieldErrors.READ_ONLY_DESCRIPTION);

  private SentBack() {}

  /**
   * Records the problem of each read-only field of {@code sent} whose value is not the one {@code
   * held} (the row as answered; for a new row each null).
   */
  static void check(FieldErrors errors, Map<String, Object> sent, Map<String, Object> held) {
    sent.forEach(
        (name, value) -> {
          if (!same(value, held.get(name))) {
            errors.check(name, FieldErrors.READ_ONLY);
          }
        });
  }

  /** Whether a JSON value is the one held: a number of the same value, the same instant. */
  static boolean same(Object sent, Object held) {
    if (sent == null || held == null) {
      return sent == held;
    }
    if (held instanceof Instant instant) {
      return sent instanceof String text && instant.equals(instant(text));
    }
    if (held instanceof Number number) {
      return sent instanceof Number given && equal(given, number);
    }
    return held.equals(sent);
  }

  private static boolean equal(Number sent, Number held) {
    try {
      return new BigDecimal(sent.toString()).compareTo(new BigDecimal(held.toString())) == 0;
    } catch (NumberFormatException notFinite) {
      return false;
    }
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notADateTime) {
      return null;
    }
  }
}
