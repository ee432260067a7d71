package cores.api.web;

import java.util.function.IntPredicate;
import java.util.regex.Pattern;

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

  private static final Pattern DIRECTION_CONTROL = Pattern.compile("[" + DIRECTION_CONTROLS + "]");

  private Characters() {}

  /**
   * Why a name may not hold one of Unicode's direction controls ({@link #DIRECTION_CONTROLS}), or
   * null when it holds none: people's names keep the other invisible characters (a zero-width
   * non-joiner is part of how some scripts are written). Since 1.15.0.
   */
  public static String directionControl(String text) {
    return refused(
        text,
        cp -> DIRECTION_CONTROL.matcher(Character.toString(cp)).matches(),
        "Unicode direction controls (U+202A to U+202E, U+2066 to U+2069), which show it in"
            + " another order than it is written");
  }

  /**
   * Why an identifier (a hostname, a code, an asset number) may not hold an invisible format
   * character (Unicode category Cf: direction controls, zero-width characters, soft hyphen, byte
   * order mark), or null when it holds none: with one, "no&#92;u200Bde01" looks like "node01" and
   * staff book or delete the wrong thing. Since 1.15.0.
   */
  public static String invisible(String text) {
    return refused(
        text,
        cp -> Character.getType(cp) == Character.FORMAT,
        "invisible formatting characters (Unicode category Cf: zero-width characters, direction"
            + " controls, soft hyphen), which make it look like another");
  }

  /**
   * Why a one-line text (a name, a title, an agent's identifier) may not hold a line break or other
   * control character (Unicode category Cc: tab, line feed, carriage return, escape; and the line
   * and paragraph separators U+2028, U+2029), or null when it holds none: shown in a list's cell, a
   * title or a log line, a "x" line feed "y" breaks it or passes for two entries. Since 1.16.0.
   */
  public static String oneLine(String text) {
    return refused(
        text,
        cp -> Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029,
        "line breaks or other control characters (Unicode category Cc, U+2028, U+2029): it is one"
            + " line");
  }

  private static String refused(String text, IntPredicate refused, String what) {
    if (text == null) {
      return null;
    }
    int at = 1;
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1), at++) {
      int cp = text.codePointAt(i);
      if (refused.test(cp)) {
        return String.format("must not contain %s; U+%04X at character %d", what, cp, at);
      }
    }
    return null;
  }

  /**
   * How a character is written into an HTML page so that no control character goes there raw: null
   * for as it is (tab, line feed and carriage return too); NUL as U+FFFD, as an HTML parser would
   * read it (PostgreSQL cannot store it, so it is only ever a refused form's field shown again);
   * the other C0 controls and DEL as a numeric character reference, which browsers read back as the
   * same character, so that stored text holding one is posted back unchanged. The C1 controls
   * (U+0080 to U+009F) as U+FFFD too, since no reference reads back as them: HTML reads {@code
   * &#x80;} to {@code &#x9F;} as windows-1252's characters (most of them: {@code &#x80;} is "€",
   * {@code &#x93;} a quotation mark), which would show, and be saved, as text that was never there;
   * U+FFFD shows instead that a character is not shown (a C1 control in text is nearly always text
   * decoded in the wrong charset), and a text holding one posted back holds U+FFFD in its place, as
   * its field shows. Since 1.16.0; C1 controls since 1.16.1.
   */
  public static String inHtml(char c) {
    if (!isControlInHtml(c)) {
      return null;
    }
    return c == 0 || c >= 0x80 ? "\uFFFD" : String.format("&#x%X;", (int) c);
  }

  /** Whether {@link #inHtml(char)} writes the character otherwise than as it is. */
  private static boolean isControlInHtml(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F;
  }

  /**
   * A rendered page (its markup made, its text escaped) with each control character written as
   * {@link #inHtml(char)} says; the page itself when it holds none. Since 1.16.0.
   */
  public static String inHtml(String page) {
    StringBuilder written = null;
    int from = 0;
    for (int i = 0; i < page.length(); i++) {
      char c = page.charAt(i);
      if (isControlInHtml(c)) {
        if (written == null) {
          written = new StringBuilder(page.length() + 16);
        }
        written.append(page, from, i).append(inHtml(c));
        from = i + 1;
      }
    }
    return written == null ? page : written.append(page, from, page.length()).toString();
  }

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
