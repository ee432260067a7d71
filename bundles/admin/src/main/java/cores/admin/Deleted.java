package cores.admin;

import cores.api.admin.AdminModel;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The name of the one object a delete took, carried to the list the delete leads to in a
 * short-lived cookie, as Django's messages are: once it is deleted its desk no longer names it, and
 * the redirect's query must put no text of its own on a page ({@link Messages}). Any instance reads
 * it; it is shown escaped, only on its own model's list, and cleared by the page that shows it.
 *
 * <p>The cookie is signed, as Django signs its messages' cookie: a sibling subdomain may set
 * cookies for this host, and an unsigned one would put its text on the admin's page. The key is the
 * visitor's CSRF token ({@link Visitor#csrfToken}), which the pages already derive from the secret
 * key and the session: only this site, for this session, can sign. A cookie whose signature fails
 * says nothing.
 */
final class Deleted {
  /** The cookie's name. */
  static final String COOKIE = "cores_admin_deleted";

  private static final int MAX_LENGTH = 500;

  private static final String ALGORITHM = "HmacSHA256";

  private Deleted() {}

  /** The cookie naming the object deleted from the model, signed for the visitor. */
  static String cookie(ContainerRequestContext request, AdminModel model, String label) {
    String named = key(model) + "\n" + label;
    if (named.length() > MAX_LENGTH) {
      named = named.substring(0, MAX_LENGTH);
    }
    String value = encode(bytes(named));
    return cookie(request, value + "." + signature(request, value), 120);
  }

  /** The cookie cleared, once its page is shown. */
  static String cleared(ContainerRequestContext request) {
    return cookie(request, "", 0);
  }

  /** Whether the request carries the cookie (its page then clears it). */
  static boolean carried(ContainerRequestContext request) {
    return request.getCookies().containsKey(COOKIE);
  }

  /**
   * The name the cookie holds of an object of the model, or null (none, another model's, not signed
   * for this visitor, bad).
   */
  static String of(ContainerRequestContext request, AdminModel model) {
    Cookie cookie = request.getCookies().get(COOKIE);
    if (cookie == null || model == null) {
      return null;
    }
    String[] parts = cookie.getValue().split("\\.", -1);
    String expected = parts.length == 2 ? signature(request, parts[0]) : "";
    if (expected.isEmpty() || !MessageDigest.isEqual(bytes(expected), bytes(parts[1]))) {
      // not one this site signed for this visitor: nothing to say
      return null;
    }
    String named;
    try {
      named = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String prefix = key(model) + "\n";
    return named.startsWith(prefix) && named.length() > prefix.length()
        ? named.substring(prefix.length())
        : null;
  }

  /** The value's signature under the visitor's CSRF token; empty when the visitor has none. */
  private static String signature(ContainerRequestContext request, String value) {
    String token = Visitor.of(request).csrfToken();
    if (token == null || token.isEmpty()) {
      return "";
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(bytes(token), ALGORITHM));
      return encode(mac.doFinal(bytes(COOKIE + ":" + value)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  private static String key(AdminModel model) {
    return model.app() + "." + model.name();
  }

  private static String encode(byte[] data) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
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
