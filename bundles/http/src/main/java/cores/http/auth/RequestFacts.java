package cores.http.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Locale;

/** Facts about a request that need a proxy's help to know. */
public final class RequestFacts {
  /** Set by nginx in front of Cores: the scheme the browser used. */
  public static final String FORWARDED_PROTO = "X-Forwarded-Proto";

  private RequestFacts() {}

  /**
   * Whether the browser talks HTTPS: directly, or to the proxy in front. Only used to mark cookies
   * Secure and for {@code SecurityContext.isSecure()}, so a forged header can only make cookies
   * stricter.
   */
  public static boolean isSecure(ContainerRequestContext request) {
    return isSecure(request.getUriInfo().getRequestUri(), request.getHeaderString(FORWARDED_PROTO));
  }

  public static boolean isSecure(URI requestUri, String forwardedProto) {
    if ("https".equals(requestUri.getScheme())) {
      return true;
    }
    return forwardedProto != null && "https".equals(forwardedProto.trim().toLowerCase(Locale.ROOT));
  }
}
