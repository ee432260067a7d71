package cores.api.web;

import java.util.regex.Pattern;

/**
 * What passes for an email address wherever one is entered (a user's, a loan customer's contact),
 * and the one wording of its refusal, so that the API, the pages and the admin say the same. Since
 * 1.12.0.
 */
public final class EmailAddresses {

  /** The refusal of a value that is not an address. */
  public static final String NOT_AN_ADDRESS = "not a valid email address";

  /**
   * Deliberately loose: one @, no spaces nor {@linkplain Characters#DIRECTION_CONTROLS direction
   * controls}, a dotted or single-label domain (e.g. localhost); the whole value matches it (a JSON
   * Schema anchors it).
   */
  public static final String PATTERN =
      "[^@\\s"
          + Characters.DIRECTION_CONTROLS
          + "]{1,64}@[^@\\s."
          + Characters.DIRECTION_CONTROLS
          + "]+(\\.[^@\\s."
          + Characters.DIRECTION_CONTROLS
          + "]+)*";

  private static final Pattern ADDRESS = Pattern.compile(PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

  private EmailAddresses() {}

  /**
   * The problem of a value given for an address of at most {@code max} characters: {@code "at most
   * N characters"} or {@value #NOT_AN_ADDRESS}; null when it is an address or empty (whether one is
   * required is the caller's to say).
   */
  public static String problem(String value, int max) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    String tooLong = Characters.atMost(value, max);
    if (tooLong != null) {
      return tooLong;
    }
    return ADDRESS.matcher(value).matches() ? null : NOT_AN_ADDRESS;
  }

  /**
   * {@link #problem(String, int)} of a change of an address now {@code stored}: a value equal to
   * the stored one has none, so that an address stored before this check (the original's data, a
   * directory's) does not block every edit of its record; a new one is checked. Since 1.14.0.
   */
  public static String problem(String value, int max, String stored) {
    return value != null && value.equals(stored) ? null : problem(value, max);
  }
}
