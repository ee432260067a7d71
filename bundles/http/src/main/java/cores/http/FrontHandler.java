package cores.http;

import cores.http.auth.ClientAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.glassfish.jersey.message.internal.MediaTypeProvider;

/**
 * In front of everything: security headers on every answer, then the Host check, then one
 * Content-Type at most, then the body size by Content-Length, so that refused requests never reach
 * an application; its refusals are the site's error page outside the API, where a browser is the
 * client. It also notes where the request comes from ({@link ClientAddresses#PROPERTY}).
 */
final class FrontHandler extends Handler.Wrapper {
  private static final MediaTypeProvider MEDIA_TYPES = new MediaTypeProvider();
  private final HostCheck hostCheck;
  private final long maxBodyBytes;
  private final JettyProblems problems;
  private final ClientAddresses clients;

  FrontHandler(
      HostCheck hostCheck,
      long maxBodyBytes,
      JettyProblems problems,
      ClientAddresses clients,
      Handler next) {
    super(next);
    this.hostCheck = hostCheck;
    this.maxBodyBytes = maxBodyBytes;
    this.problems = problems;
    this.clients = clients;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    SecurityHeaders.apply(
        response.getHeaders(), SecurityHeaders.isApi(JettyProblems.pathOf(request)));
    // the header as the client sent it: X-Forwarded-Host is not trusted
    if (!hostCheck.allowed(request.getHeaders().get(HttpHeader.HOST))) {
      problems.writeForPath(request, response, callback, 400, "Invalid Host header.");
      return true;
    }
    String typeProblem =
        contentTypeProblem(request.getHeaders().getValuesList(HttpHeader.CONTENT_TYPE));
    if (typeProblem != null) {
      // the body is not read: the client is told the connection ends, not left to find it closed
      // under its next request (UnreadBodies); a page's form sent so is a browser's: it gets a page
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      problems.writeForPath(request, response, callback, 400, typeProblem);
      return true;
    }
    if (request.getLength() > maxBodyBytes) {
      // refused unread as well: the body left on the connection is not the next request
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      problems.writeForPath(
          request,
          response,
          callback,
          413,
          "The request body is larger than the server accepts (" + maxBodyBytes + " bytes).");
      return true;
    }
    InetAddress peer =
        request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress socket
            ? socket.getAddress()
            : null;
    String query = request.getHttpURI().getQuery();
    if (query != null) {
      request.setAttribute(QueryEncoding.SENT_QUERY, query);
    }
    clients
        .client(peer, request.getHeaders().get(ClientAddresses.REAL_IP))
        .ifPresent(address -> request.setAttribute(ClientAddresses.PROPERTY, address));
    return super.handle(request, response, callback);
  }

  /**
   * "Malformed header: ..." for a Content-Type sent twice or that Jersey does not parse, as the
   * other request headers get; null when there is none or one that parses. Jersey's servlet reads
   * it before any filter or mapper and answered a bare 400.
   */
  static String contentTypeProblem(List<String> types) {
    if (types.size() > 1) {
      return "Malformed header: \"Content-Type\" sent " + types.size() + " times; send it once.";
    }
    // an empty one is none, as Jersey reads it
    if (!types.isEmpty() && !types.get(0).isBlank()) {
      try {
        MEDIA_TYPES.fromString(types.get(0));
      } catch (IllegalArgumentException e) {
        return "Malformed header: Unable to parse \"Content-Type\" header value: \""
            + types.get(0)
            + "\"";
      }
    }
    return null;
  }
}
