package cores.http.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Defence in depth beside the CSRF token, for the unsafe requests of a browser's cookie (a session
 * or an anonymous visitor's form), and the only check for those with the Basic or Negotiate
 * credentials a browser caches: one whose {@code Origin} is another site's, or without {@code
 * Origin} whose {@code Sec-Fetch-Site} is {@code cross-site}, is refused, as Django 4's
 * CsrfViewMiddleware and Go's CrossOriginProtection do. A request with neither header (an old
 * browser, curl, python-requests) is left to the token, or with Basic or Negotiate goes through.
 *
 * <p>This site's origin is the one the browser addressed: the {@code Host} header as the browser
 * sent it (nginx passes it on, and {@code HostCheck} has already refused other names) with the
 * scheme it used ({@code X-Forwarded-Proto} behind nginx). {@code X-Forwarded-Host} is not trusted,
 * as elsewhere.
 *
 * <p>Some origins of the site are not the one Cores sees: {@code https://<HOSTNAME>} behind an
 * outer TLS proxy that does not say {@code X-Forwarded-Proto: https}, or the operator's other names
 * and ports ({@code CORES_TRUSTED_ORIGINS}, as Django's {@code CSRF_TRUSTED_ORIGINS}); these are
 * trusted too.
 */
public final class CrossOrigin {
  static final String ORIGIN = "Origin";
  static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

  private final Set<String> trusted;

  /**
   * @param hostname the configured site name: {@code https://<hostname>} is trusted
   * @param trustedOrigins further origins, scheme://host[:port]
   * @throws IllegalArgumentException when one is not an origin
   */
  public CrossOrigin(String hostname, List<String> trustedOrigins) {
    Set<String> origins = new HashSet<>();
    String host = hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname;
    Optional.ofNullable(normalise("https://" + host)).ifPresent(origins::add);
    for (String origin : trustedOrigins) {
      if (!trustable(origin)) {
        throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
      }
      origins.add(normalise(origin));
    }
    this.trusted = Set.copyOf(origins);
  }

  /**
   * @return null when the request may go on to the token check, else why it is refused
   */
  String refusal(ContainerRequestContext request) {
    String origin = request.getHeaderString(ORIGIN);
    if (origin != null) {
      String own = own(request);
      String normal = normalise(origin);
      if (normal != null && (own.equals(normal) || trusted.contains(normal))) {
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

  /** Whether an operator may name this as a trusted origin: http or https, host, maybe port. */
  public static boolean trustable(String origin) {
    String normal = normalise(origin);
    return normal != null && (normal.startsWith("http://") || normal.startsWith("https://"));
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
  public static String normalise(String origin) {
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (URISyntaxException e) {
      return null;
    }
    String path = uri.getRawPath();
    if (uri.getScheme() == null
        || uri.getHost() == null
        || path != null && !path.isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      return null;
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean usual =
        port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (usual ? "" : ":" + port);
  }
}
