package cores.http;

import cores.api.web.ApiDoc;
import cores.http.problem.WebApplicationExceptionMapper;
import cores.http.system.HealthChecks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/health} (readiness) and {@code /api/health/live} (liveness) straight from Jetty, in
 * front of the servlets and of the {@link ReadinessGate}: load balancers and monitors poll them
 * thousands of times a second, and Jersey's request path (routing, request scope, filters, writer
 * chain) was most of their cost. They answer from the moment the server starts, whatever the REST
 * application is doing. They answer as JAX-RS did for a GET resource producing JSON: HEAD without
 * the body, OPTIONS listing the methods, 405 (with {@code Allow}) for other methods and 406 when
 * the client accepts no JSON, as problem details. Credentials are not looked at: the answers are
 * public and the same for everyone, and a probe must not depend on the account database.
 *
 * <p>The {@link ApiDoc}s here and on {@link Liveness} are what {@code /api/docs} and {@code /api/}
 * say about them.
 */
@ApiDoc(
    area = "system",
    permission = ApiDoc.ANONYMOUS,
    value =
        "Readiness: {\"status\":\"UP\"} once the started features' bundles run and their"
            + " resources are published, else 503 naming what is awaited or down (e.g. the"
            + " database)")
final class HealthHandler extends Handler.Wrapper {
  static final String PATH = "/api/health";
  static final String LIVE_PATH = "/api/health/live";

  /** What {@code /api/docs} says about the liveness answer. */
  @ApiDoc(
      area = "system",
      permission = ApiDoc.ANONYMOUS,
      value =
          "Liveness: {\"status\":\"UP\"} whenever the process serves HTTP, ready or not (for"
              + " restart decisions; route traffic on /api/health)")
  static final class Liveness {
    private Liveness() {}
  }

  /** The methods answered, in the order JAX-RS listed them. */
  static final String ALLOW = "HEAD,GET,OPTIONS";

  private static final HttpField JSON =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final HttpField ALLOW_FIELD = new PreEncodedHttpField(HttpHeader.ALLOW, ALLOW);
  private static final byte[] OPTIONS_BODY =
      "HEAD, GET, OPTIONS".getBytes(StandardCharsets.US_ASCII);
  private static final ByteBuffer LIVE_BODY =
      ByteBuffer.wrap("{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

  private final HealthChecks checks;
  private final JettyProblems problems;

  HealthHandler(HealthChecks checks, JettyProblems problems, Handler next) {
    super(next);
    this.checks = checks;
    this.problems = problems;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    boolean live = matches(path, LIVE_PATH);
    if (!live && !matches(path, PATH)) {
      return super.handle(request, response, callback);
    }
    String method = request.getMethod();
    boolean head = HttpMethod.HEAD.is(method);
    if (head || HttpMethod.GET.is(method)) {
      if (!acceptsJson(request.getHeaders())) {
        problems.write(request, response, callback, 406, WebApplicationExceptionMapper.detail(406));
        return true;
      }
      int status = 200;
      ByteBuffer body = LIVE_BODY.slice();
      if (!live) {
        HealthChecks.Answer answer = checks.answer();
        status = answer.status();
        body = answer.body();
      }
      response.setStatus(status);
      HttpFields.Mutable headers = response.getHeaders();
      headers.put(JSON);
      headers.put(HttpHeader.CONTENT_LENGTH, body.remaining());
      response.write(true, head ? null : body, callback);
    } else if (HttpMethod.OPTIONS.is(method)) {
      response.setStatus(200);
      HttpFields.Mutable headers = response.getHeaders();
      headers.put(HttpHeader.CONTENT_TYPE, "text/plain");
      headers.put(ALLOW_FIELD);
      headers.put(HttpHeader.CONTENT_LENGTH, OPTIONS_BODY.length);
      response.write(true, ByteBuffer.wrap(OPTIONS_BODY), callback);
    } else {
      response.getHeaders().put(ALLOW_FIELD);
      problems.write(request, response, callback, 405, WebApplicationExceptionMapper.detail(405));
    }
    return true;
  }

  /** The path as JAX-RS matched it: with or without a trailing slash. */
  private static boolean matches(String path, String endpoint) {
    return path != null
        && path.startsWith(endpoint)
        && (path.length() == endpoint.length()
            || path.length() == endpoint.length() + 1 && path.charAt(endpoint.length()) == '/');
  }

  /**
   * Whether {@code application/json} is acceptable: no Accept header, or the most specific range
   * that matches it ({@code application/json}, {@code application/*}, then {@code *}{@code /*}) has
   * a quality above 0.
   */
  static boolean acceptsJson(HttpFields headers) {
    if (!headers.contains(HttpHeader.ACCEPT)) {
      return true;
    }
    List<String> ranges = headers.getCSV(HttpHeader.ACCEPT, false);
    if (ranges.isEmpty()) {
      return true;
    }
    int specificity = -1;
    boolean acceptable = false;
    for (String range : ranges) {
      String[] parts = range.split(";");
      int matched = specificity(parts[0].trim().toLowerCase(Locale.ROOT));
      if (matched > specificity) {
        specificity = matched;
        acceptable = quality(parts) > 0;
      }
    }
    return acceptable;
  }

  private static int specificity(String mediaRange) {
    return switch (mediaRange) {
      case "application/json" -> 2;
      case "application/*" -> 1;
      case "*/*" -> 0;
      default -> -1;
    };
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.length() > 2 && (parameter.startsWith("q=") || parameter.startsWith("Q="))) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
