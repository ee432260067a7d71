package cores.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text that PostgreSQL stores as it was sent: no NUL ({@code \u0000}), which it refuses (the
 * statement fails), and no lone UTF-16 surrogate (e.g. a JSON {@code "\ud800"}), which it stores as
 * {@code ?}. Other control characters (tab, line feed, escape) it stores as sent. The one rule for
 * request bodies (JSON strings, form fields, the pages' forms) and query parameters. Since 1.10.0.
 */
public final class StorableText {
  /** The problem of text holding NUL. */
  public static final String NUL_MESSAGE = "Text must not contain NUL characters (\\u0000).";

  /** The problem of text holding half of a UTF-16 surrogate pair. */
  public static final String SURROGATE_MESSAGE =
      "Text must not contain a lone UTF-16 surrogate (\\ud800 to \\udfff without its pair).";

  private StorableText() {}

  /**
   * @return null when the text may be stored, else what is wrong with it
   */
  public static String problem(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return NUL_MESSAGE;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return SURROGATE_MESSAGE;
      }
    }
    return null;
  }

  /** The text as it may be shown (a field name, a value): its bad characters replaced by �. */
  public static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints()
        .map(c -> c == 0 || Character.isSurrogate((char) c) && c <= 0xFFFF ? 0xFFFD : c)
        .forEach(shown::appendCodePoint);
    return shown.toString();
  }

  /**
   * The problems of a posted form (or of query parameters), at the fields that hold them: a field
   * whose name or any value may not be stored, under its name as {@link #shown}. Empty when all may
   * be stored.
   */
  public static Map<String, List<String>> problems(Map<String, List<String>> posted) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    if (posted == null) {
      return problems;
    }
    posted.forEach(
        (name, values) -> {
          String problem = problem(name);
          for (int i = 0; problem == null && values != null && i < values.size(); i++) {
            problem = problem(values.get(i));
          }
          if (problem != null) {
            problems.put(shown(name), List.of(problem));
          }
        });
    return problems;
  }
}
