package cores.api.web;

/**
 * Lengths as PostgreSQL's {@code varchar(n)} and people count them: in characters (Unicode code
 * points), not in the UTF-16 units of {@link String#length()}, where an emoji counts twice. Since
 * 1.9.0.
 */
public final class Characters {
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
