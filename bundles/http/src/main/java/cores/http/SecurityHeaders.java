package cores.http;

import org.eclipse.jetty.http.HttpFields;

/**
 * Headers that every answer carries, so that browsers treat our content as strictly as possible.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  /**
   * Puts the headers; API answers are also never cached, since they carry per-user data.
   *
   * @param api whether the request is for the REST API
   */
  public static void apply(HttpFields.Mutable headers, boolean api) {
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    if (api) {
      headers.put("Cache-Control", "no-store");
    }
  }

  /** Whether a request path belongs to the REST API. */
  public static boolean isApi(String path) {
    return path != null && (path.equals("/api") || path.startsWith("/api/"));
  }
}
