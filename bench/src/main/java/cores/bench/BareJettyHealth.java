package cores.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The physical limit for {@code GET /api/health}: a bare Jetty handler that writes the same JSON
 * body, with nothing else in the request path. The throughput benchmark reports Cores as a ratio of
 * this, measured in the same run.
 */
public final class BareJettyHealth {
  private static final ByteBuffer BODY =
      ByteBuffer.wrap(
          "{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"}}}"
              .getBytes(StandardCharsets.UTF_8));

  private BareJettyHealth() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, BODY.slice(), callback);
            return true;
          }
        });
    server.start();
    server.join();
  }
}
