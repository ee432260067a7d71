package cores.http;

import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * At most so many requests worked on at once; the others wait their turn in order of arrival,
 * holding no thread (Jetty's {@link QoSHandler}). On a few cores a request that waits its turn is
 * answered sooner than one that shares the processors with all the others, each then waiting for
 * the scheduler's slices of every other. One that waited too long is answered 503 with {@code
 * Retry-After}, as a problem on the API and the site's error page on the pages.
 *
 * <p>Requests that check a password or a credential of another scheme neither wait nor take a turn:
 * they may wait on a directory or KDC (up to its timeout) or on the login throttle's one attempt at
 * a time per account, and a guesser's or a dead LDAP server's logins must not hold back everyone
 * else's requests. The throttle bounds them instead.
 */
final class RequestTurns extends QoSHandler {
  static final String DETAIL =
      "Cores is too busy to serve this now; retry shortly (it waited for its turn too long).";

  /** Where the login form and the API's login post a password. */
  private static final Set<String> LOGINS = Set.of("/login", "/api/auth/login");

  private final JettyProblems problems;

  RequestTurns(int atOnce, Duration maxWait, JettyProblems problems, Handler next) {
    super(next);
    this.problems = problems;
    setMaxRequestCount(atOnce);
    setMaxSuspend(maxWait);
    exclude(RequestTurns::checksACredential);
  }

  /** A login form or API login, or credentials other than an API token. */
  static boolean checksACredential(Request request) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null && !authorization.strip().regionMatches(true, 0, "Token ", 0, 6)) {
      return true;
    }
    if (!HttpMethod.POST.is(request.getMethod())) {
      return false;
    }
    String path = JettyProblems.pathOf(request);
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return LOGINS.contains(path);
  }

  @Override
  protected void failSuspended(
      Request request, Response response, Callback callback, int status, Throwable failure) {
    if (status != HttpStatus.SERVICE_UNAVAILABLE_503 || response.isCommitted()) {
      super.failSuspended(request, response, callback, status, failure);
      return;
    }
    response.getHeaders().put(ReadinessGate.RETRY_AFTER);
    problems.writeForPath(request, response, callback, status, DETAIL);
  }
}
