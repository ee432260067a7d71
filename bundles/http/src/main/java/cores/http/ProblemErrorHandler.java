package cores.http;

import cores.http.problem.Problems;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (unparseable requests, ambiguous URIs, failures outside Jersey) as
 * problem details on the API and as the site's error page elsewhere, where a browser is the client
 * (a request whose path Jetty could not read gets the page). Server errors say no more than their
 * status unless in debug mode.
 */
final class ProblemErrorHandler extends ErrorHandler {
  /** Where the servlet API leaves the message of {@code sendError}. */
  private static final String SERVLET_ERROR_MESSAGE = "jakarta.servlet.error.message";

  private final JettyProblems problems;
  private final boolean debug;

  ProblemErrorHandler(JettyProblems problems, boolean debug) {
    this.problems = problems;
    this.debug = debug;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (status < 400) {
      status = HttpStatus.INTERNAL_SERVER_ERROR_500;
    }
    problems.writeForPath(request, response, callback, status, detail(request, status));
    return true;
  }

  private String detail(Request request, int status) {
    if (status == HttpStatus.NOT_FOUND_404) {
      return "The requested resource was not found.";
    }
    Object message = request.getAttribute(ERROR_MESSAGE);
    if (message == null) {
      message = request.getAttribute(SERVLET_ERROR_MESSAGE);
    }
    boolean show = message != null && (status < 500 || debug);
    return show ? message.toString() : Problems.reasonPhrase(status);
  }
}
