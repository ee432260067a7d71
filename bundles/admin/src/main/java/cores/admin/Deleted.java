package cores.admin;

import cores.api.admin.AdminModel;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The name of the one object a delete took, carried to the list the delete leads to in a
 * short-lived cookie, as Django's messages are: once it is deleted its desk no longer names it, and
 * the redirect's query must put no text of its own on a page ({@link Messages}). Any instance reads
 * it; it is shown escaped, only on its own model's list, and cleared by the page that shows it.
 */
final class Deleted {
  /** The cookie's name. */
  static final String COOKIE = "cores_admin_deleted";

  private static final int MAX_LENGTH = 500;

  private Deleted() {}

  /** The cookie naming the object deleted from the model. */
  static String cookie(ContainerRequestContext request, AdminModel model, String label) {
    String named = key(model) + "\n" + label;
    if (named.length() > MAX_LENGTH) {
      named = named.substring(0, MAX_LENGTH);
    }
    return cookie(
        request, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(named)), 120);
  }

  /** The cookie cleared, once its page is shown. */
  static String cleared(ContainerRequestContext request) {
    return cookie(request, "", 0);
  }

  /** Whether the request carries the cookie (its page then clears it). */
  static boolean carried(ContainerRequestContext request) {
    return request.getCookies().containsKey(COOKIE);
  }

  /** The name the cookie holds of an object of the model, or null (none, another model's, bad). */
  static String of(ContainerRequestContext request, AdminModel model) {
    Cookie cookie = request.getCookies().get(COOKIE);
    if (cookie == null || model == null) {
      return null;
    }
    String named;
    try {
      named = new String(Base64.getUrlDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // not one of ours: nothing to say
      return null;
    }
    String prefix = key(model) + "\n";
    return named.startsWith(prefix) && named.length() > prefix.length()
        ? named.substring(prefix.length())
        : null;
  }

  private static String key(AdminModel model) {
    return model.app() + "." + model.name();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String cookie(ContainerRequestContext request, String value, int maxAge) {
    return COOKIE
        + "="
        + value
        + "; Path=/admin; Max-Age="
        + maxAge
        + "; HttpOnly"
        + (request.getSecurityContext().isSecure() ? "; Secure" : "")
        + "; SameSite=Lax";
  }
}
