package cores.http;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Headers that every answer carries, so that browsers treat our content as strictly as possible.
 * Encoded once: every answer writes them.
 */
public final class SecurityHeaders {
  /** Cores' pages load everything from their own origin and post forms only to it. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none';"
          + " frame-ancestors 'none'";

  private static final List<HttpField> ALWAYS =
      List.of(
          new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
          new PreEncodedHttpField("X-Frame-Options", "DENY"),
          new PreEncodedHttpField("Referrer-Policy", "same-origin"),
          // what default-src does not cover: where forms may post, a base element, plugins
          new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY),
          new PreEncodedHttpField("Cross-Origin-Opener-Policy", "same-origin"));
  private static final HttpField NO_STORE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

  private SecurityHeaders() {}

  /**
   * Puts the headers; API answers are also never cached, since they carry per-user data.
   *
   * @param api whether the request is for the REST API
   */
  public static void apply(HttpFields.Mutable headers, boolean api) {
    for (HttpField field : ALWAYS) {
      headers.put(field);
    }
    if (api) {
      headers.put(NO_STORE);
    }
  }

  /** Whether a request path belongs to the REST API. */
  public static boolean isApi(String path) {
    return path != null && (path.equals("/api") || path.startsWith("/api/"));
  }
}
