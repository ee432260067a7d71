package cores.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Until Cores is ready, answers every request that reaches it (all but the health endpoints, which
 * {@link HealthHandler} answers in front of it) with 503 and {@code Retry-After}: a client that
 * waits and retries gets its answer, where a 404 for a resource still being published would have
 * told it that the resource does not exist. While the server stops, likewise, saying so. Pages get
 * the site's error page (a browser reloading during a restart), the API a problem.
 */
final class ReadinessGate extends Handler.Wrapper {
  static final String RETRY_AFTER_SECONDS = "1";
  static final String DETAIL =
      "Cores is starting and cannot serve this yet; retry shortly (GET /api/health says what it is"
          + " waiting for).";

  /** While this instance stops: another one (behind the same proxy) or its restart answers. */
  static final String STOPPING_DETAIL =
      "Cores is stopping and takes no new requests; retry shortly.";

  static final PreEncodedHttpField RETRY_AFTER =
      new PreEncodedHttpField(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);

  private final ReadinessCache readiness;
  private final JettyProblems problems;

  ReadinessGate(ReadinessCache readiness, JettyProblems problems, Handler next) {
    super(next);
    this.readiness = readiness;
    this.problems = problems;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (readiness.waitingFor().isEmpty()) {
      return super.handle(request, response, callback);
    }
    response.getHeaders().put(RETRY_AFTER);
    problems.writeForPath(
        request, response, callback, 503, readiness.stopping() ? STOPPING_DETAIL : DETAIL);
    return true;
  }
}
