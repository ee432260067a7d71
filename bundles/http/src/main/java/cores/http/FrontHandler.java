package cores.http;

import cores.http.auth.ClientAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of everything: security headers on every answer, then the Host check, then the body size
 * by Content-Length, so that refused requests never reach an application. It also notes where the
 * request comes from ({@link ClientAddresses#PROPERTY}).
 */
final class FrontHandler extends Handler.Wrapper {
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
      problems.write(request, response, callback, 400, "Invalid Host header.");
      return true;
    }
    if (request.getLength() > maxBodyBytes) {
      problems.write(
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
    clients
        .client(peer, request.getHeaders().get(ClientAddresses.REAL_IP))
        .ifPresent(address -> request.setAttribute(ClientAddresses.PROPERTY, address));
    return super.handle(request, response, callback);
  }
}
