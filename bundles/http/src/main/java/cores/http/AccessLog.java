package cores.http;

import cores.http.auth.AuthenticationFilter;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request to the logger {@code cores.http.access}, NCSA-like: remote address, user,
 * request line, status, bytes sent, duration in milliseconds. The time stamp is the logging
 * back-end's.
 */
final class AccessLog implements RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("cores.http.access");

  @Override
  public void log(Request request, Response response) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Object user = request.getAttribute(AuthenticationFilter.USER_PROPERTY);
    String line =
        Request.getRemoteAddr(request)
            + " - "
            + (user == null ? "-" : clean(user.toString()))
            + " \""
            + request.getMethod()
            + " "
            + clean(request.getHttpURI().getPathQuery())
            + " "
            + request.getConnectionMetaData().getProtocol()
            + "\" "
            + response.getStatus()
            + " "
            + Response.getContentBytesWritten(response)
            + " "
            + NanoTime.millisSince(request.getBeginNanoTime())
            + "ms";
    LOG.info(line);
  }

  /** No control characters: a log line must stay one line. */
  static String clean(String value) {
    if (value == null) {
      return "-";
    }
    StringBuilder clean = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      clean.append(Character.isISOControl(c) ? '?' : c);
    }
    return clean.toString();
  }
}
