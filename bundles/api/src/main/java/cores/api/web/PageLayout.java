package cores.api.web;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The site's page frame (header, navigation, the visitor's name and impersonation banner, footer),
 * published by the web bundle, so that a plugin's page looks like every other page. A page resource
 * ({@link Whiteboard#PAGES}) renders its own body and asks for the frame around it.
 */
@ProviderType
public interface PageLayout {

  /**
   * A whole HTML document.
   *
   * @param path the request path, to mark the current navigation entry
   * @param bodyHtml the page's content, already escaped by the caller: it is inserted as it is
   */
  String page(Visitor visitor, String path, String title, String bodyHtml);

  /** An error page in the same frame: the status with its title, and what went wrong. */
  String error(Visitor visitor, int status, String title, String detail);

  /** Text made safe for HTML element content and quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
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
}
