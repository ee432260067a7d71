package cores.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the site's frame (layout.jte) shows around a page.
 *
 * @param userName the full name (or username) of the user the visitor acts as; null when anonymous
 * @param impersonator while impersonating, the name of the staff member behind it; else null
 * @param csrfToken the token every form of the page carries
 */
public record Frame(
    String title,
    String path,
    List<NavLink> nav,
    String userName,
    String impersonator,
    String csrfToken,
    List<Flash.Message> messages,
    String stylesheet,
    String script,
    String htmx,
    String icon) {

  /** The site's name, which ends every page's window title. */
  public static final String SITE = "Cores";

  /** Whether the page is titled with the site's name, which the window title then says once. */
  public boolean titledAsSite() {
    return title.equals(SITE);
  }

  /** Whether a user is logged in. */
  public boolean loggedIn() {
    return userName != null;
  }

  /** The login page, coming back here afterwards. */
  public String loginUrl() {
    return "/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }
}
