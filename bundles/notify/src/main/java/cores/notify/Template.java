package cores.notify;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A tiny template language, enough for the messages and safe by construction: {@code {{name}}}
 * inserts a value through the escaper, {@code {{#name}}…{{/name}}} keeps its content only when the
 * value is present and not blank. Inserted values are never parsed again, so data cannot inject
 * template syntax, and in HTML every value goes through {@link #html(String)}.
 */
final class Template {
  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  private final String source;

  Template(String source) {
    this.source = source;
  }

  String render(Map<String, String> values, UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder(source.length() + 64);
    render(source, values, escape, out);
    return out.toString();
  }

  private static void render(
      String text, Map<String, String> values, UnaryOperator<String> escape, StringBuilder out) {
    int at = 0;
    while (true) {
      int open = text.indexOf(OPEN, at);
      if (open < 0) {
        out.append(text, at, text.length());
        return;
      }
      out.append(text, at, open);
      int close = text.indexOf(CLOSE, open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed {{ at " + open);
      }
      String tag = text.substring(open + OPEN.length(), close).strip();
      if (tag.startsWith("#")) {
        String name = tag.substring(1).strip();
        String end = OPEN + "/" + name + CLOSE;
        int endAt = text.indexOf(end, close);
        if (endAt < 0) {
          throw new IllegalArgumentException("section " + name + " is not closed");
        }
        String value = values.get(name);
        if (value != null && !value.isBlank()) {
          render(text.substring(close + CLOSE.length(), endAt), values, escape, out);
        }
        at = endAt + end.length();
      } else {
        out.append(escape.apply(values.getOrDefault(tag, "")));
        at = close + CLOSE.length();
      }
    }
  }

  /** HTML-escapes text for element content and quoted attribute values. */
  static String html(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Plain text as it is. */
  static String plain(String value) {
    return value;
  }
}
