package cores.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a local port to a server, until {@link #cut()}: then every connection is closed and the
 * port refuses new ones, as a database host gone from the network does. Lets a test take its
 * database away from one Cores process without stopping the shared PostgreSQL.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket listening;
  private final String host;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TcpProxy(ServerSocket listening, String host, int port) {
    this.listening = listening;
    this.host = host;
    this.port = port;
  }

  /** Listens on a free port of 127.0.0.1 and forwards each connection to {@code host:port}. */
  static TcpProxy to(String host, int port) throws IOException {
    TcpProxy proxy =
        new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
    Thread accepting = new Thread(proxy::accept, "tcp-proxy-" + proxy.port());
    accepting.setDaemon(true);
    accepting.start();
    return proxy;
  }

  int port() {
    return listening.getLocalPort();
  }

  private void accept() {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket server = new Socket(host, port);
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException closedOrRefused) {
        // cut, or the server refused: the client's connection ends with it
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ended) {
                // one side closed: the other follows
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** Closes the port and every connection through it. */
  void cut() {
    closeQuietly(listening);
    sockets.forEach(TcpProxy::closeQuietly);
  }

  @Override
  public void close() {
    cut();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is all that is asked
    }
  }
}
