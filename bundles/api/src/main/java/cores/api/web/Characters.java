package cores.api.web;

/**
 * Lengths as PostgreSQL's {@code varchar(n)} and people count them: in characters (Unicode code
 * points), not in the UTF-16 units of {@link String#length()}, where an emoji counts twice. Since
 * 1.9.0.
 */
public final class Characters {
  /**
   * Unicode's direction embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), as
   * the body of a regular expression's character class: in a name or an address they make it show
   * in another order than it is written, so that a name typed as U+202E "nimda" reads "admin"
   * wherever it is shown. Since 1.12.0.
   */
  public static final String DIRECTION_CONTROLS = "\\u202A-\\u202E\\u2066-\\u2069";

  private Characters() {}

  /** The number of characters of the text. */
  public static int count(CharSequence text) {
    return Character.codePointCount(text, 0, text.length());
  }

  /** The number of characters of the text. */
  public static int count(char[] text) {
    return Character.codePointCount(text, 0, text.length);
  }

  /**
   * "at most N characters" when the text is longer than {@code max}; null when it fits or is null.
   */
  public static String atMost(String text, int max) {
    return text != null && count(text) > max ? "at most " + max + " characters" : null;
  }
}
