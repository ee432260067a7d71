package cores.http.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Defence in depth beside the CSRF token, for the unsafe requests of a browser's cookie (a session
 * or an anonymous visitor's form): one whose {@code Origin} is another site's, or without {@code
 * Origin} whose {@code Sec-Fetch-Site} is {@code cross-site}, is refused, as Django 4's
 * CsrfViewMiddleware and Go's CrossOriginProtection do. A request with neither header (an old
 * browser, curl) is left to the token.
 *
 * <p>This site's origin is the one the browser addressed: the {@code Host} header as the browser
 * sent it (nginx passes it on, and {@code HostCheck} has already refused other names) with the
 * scheme it used ({@code X-Forwarded-Proto} behind nginx). {@code X-Forwarded-Host} is not trusted,
 * as elsewhere.
 */
final class CrossOrigin {
  static final String ORIGIN = "Origin";
  static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

  private CrossOrigin() {}

  /**
   * @return null when the request may go on to the token check, else why it is refused
   */
  static String refusal(ContainerRequestContext request) {
    String origin = request.getHeaderString(ORIGIN);
    if (origin != null) {
      String own = own(request);
      if (own.equals(normalise(origin))) {
        return null;
      }
      return "Cross-site request refused: it was sent from "
          + (origin.isBlank() ? "an unnamed origin" : origin.trim())
          + ", not from this site ("
          + own
          + "). Open the page on this site and send its form again.";
    }
    String site = request.getHeaderString(SEC_FETCH_SITE);
    if (site != null && site.trim().equalsIgnoreCase("cross-site")) {
      return "Cross-site request refused: the browser says another site sent it"
          + " (Sec-Fetch-Site: cross-site). Open the page on this site and send its form again.";
    }
    return null;
  }

  /**
   * This site's origin as the browser addressed it: scheme://host[:port], default port left out.
   */
  static String own(ContainerRequestContext request) {
    String scheme = RequestFacts.isSecure(request) ? "https" : "http";
    String host = request.getHeaderString(HttpHeaders.HOST);
    if (host == null || host.isBlank()) {
      host = request.getUriInfo().getRequestUri().getRawAuthority();
    }
    String own = normalise(scheme + "://" + host.trim());
    return own == null ? scheme + "://" + host.trim() : own;
  }

  /**
   * An origin as scheme://host[:port] in lower case, without the scheme's default port; null when
   * it is none (e.g. {@code null}, which sandboxed and privacy-sensitive contexts send).
   */
  static String normalise(String origin) {
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (URISyntaxException e) {
      return null;
    }
    String path = uri.getRawPath();
    if (uri.getScheme() == null || uri.getHost() == null || path != null && !path.isEmpty()) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean usual =
        port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port);
  }
}
