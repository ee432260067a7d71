package cores.http.pages;

import java.net.URI;
import java.net.URISyntaxException;

/** The few pieces of HTML the pages are made of; every value from outside is escaped. */
public final class Html {
  private Html() {}

  /** Escapes text for element content and double- or single-quoted attribute values. */
  public static String escape(String value) {
    if (value == null) {
      return "";
    }
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

  /**
   * A whole page. The stylesheet is optional: the page is plain, usable HTML without it.
   *
   * @param body HTML built with {@link #escape} for every outside value
   */
  public static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + " | Cores</title>\n"
        + "<link rel=\"stylesheet\" href=\"/static/cores.css\">\n</head>\n<body>\n<main>\n<h1>"
        + escape(title)
        + "</h1>\n"
        + body
        + "</main>\n</body>\n</html>\n";
  }

  /** A hidden form field. */
  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\""
        + escape(name)
        + "\" value=\""
        + escape(value)
        + "\">\n";
  }

  /**
   * The target of a redirect after login or logout: only a path on this site, so that a crafted
   * link cannot send the user elsewhere ({@code //host}, {@code /\host}, schemes, control
   * characters are refused), and one a {@code Location} can hold (a space is not).
   */
  static String localPath(String next, String fallback) {
    if (next == null
        || next.length() > 2000
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")) {
      return fallback;
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        return fallback;
      }
    }
    try {
      new URI(next);
    } catch (URISyntaxException e) {
      return fallback;
    }
    return next;
  }
}
