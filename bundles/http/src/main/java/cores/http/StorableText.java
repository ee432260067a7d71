package cores.http;

import cores.http.problem.JsonProblemMapper;

/**
 * Text that PostgreSQL stores as it was sent: no NUL ({@code \u0000}), which it refuses (the
 * statement fails), and no lone UTF-16 surrogate (e.g. a JSON {@code "\ud800"}), which it stores as
 * {@code ?}. The one rule for request bodies (JSON strings, form fields) and query parameters.
 */
final class StorableText {
  private StorableText() {}

  /**
   * @return null when the text may be stored, else what is wrong with it
   */
  static String problem(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return JsonProblemMapper.NUL_MESSAGE;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return JsonProblemMapper.SURROGATE_MESSAGE;
      }
    }
    return null;
  }

  /** The text as it may be shown in a problem (a field name): its bad characters replaced. */
  static String shown(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints()
        .map(c -> c == 0 || Character.isSurrogate((char) c) && c <= 0xFFFF ? 0xFFFD : c)
        .forEach(shown::appendCodePoint);
    return shown.toString();
  }
}
