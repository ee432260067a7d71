package cores.web.account;

import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import cores.web.Site;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/** What the account pages share: the logged-in user, the session, the site's own address. */
final class Pages {
  /** The http bundle's session cookie. */
  static final String SESSION_COOKIE = "cores_session";

  private Pages() {}

  /**
   * The page for the logged-in user the request acts as, or the redirect to the login page for an
   * anonymous visitor.
   */
  static Response forUser(
      Site site, ContainerRequestContext request, Function<User, Response> page) {
    Optional<Response> login = site.requireLogin(request);
    return login.orElseGet(() -> page.apply(Visitor.of(request).user().orElseThrow()));
  }

  /** The key of the request's browser session; null without one (API credentials). */
  static String sessionOrNull(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(SESSION_COOKIE);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  /** The key of the request's browser session; 400 without one. */
  static String session(ContainerRequestContext request) {
    String key = sessionOrNull(request);
    if (key == null) {
      throw ProblemException.badRequest("This needs a browser session: log in on the site.");
    }
    return key;
  }

  /**
   * The problem an account service states in an {@link IllegalArgumentException} whose message
   * names the field first ("label: required"), without the field.
   */
  static String problem(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    return message.substring(message.indexOf(": ") + 2);
  }

  /**
   * The site's base URL as the visitor reached it ({@code https://cores.example.org}): the Host
   * header (which the http bundle checked against HOSTNAME), and https when the request or the
   * proxy in front says so.
   */
  static URI site(ContainerRequestContext request) {
    String host = request.getHeaderString(HttpHeaders.HOST);
    if (host == null || host.isBlank()) {
      host = request.getUriInfo().getBaseUri().getAuthority();
    }
    return URI.create((Visitor.of(request).isSecure() ? "https" : "http") + "://" + host.strip());
  }
}
