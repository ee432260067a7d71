package cores.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request refused before its body is read (a 401 or 403 of a filter) closes its connection. Jetty
 * keeps a connection only when it can drain the rest of the body, which a client may not have sent
 * yet; if it cannot, it closes the connection after an answer that already promised to keep it, and
 * the client's next request on it fails ("no bytes"). {@code Connection: close} says so first.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class UnreadBodies implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String STREAM = UnreadBodies.class.getName();

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null) {
      Watched watched = new Watched(request.getEntityStream(), request.getLength());
      request.setEntityStream(watched);
      request.setProperty(STREAM, watched);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STREAM) instanceof Watched watched && !watched.ended()) {
      response.getHeaders().putSingle("Connection", "close");
    }
  }

  /**
   * The body, counting what is read: read to its end when its length has been read (a JSON reader
   * stops at the last brace) or the end was seen (a chunked body).
   */
  private static final class Watched extends FilterInputStream {
    private final long length;
    private long read;
    private boolean end;

    Watched(InputStream in, long length) {
      super(in);
      this.length = length;
    }

    boolean ended() {
      return end || (length >= 0 && read >= length);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int size) throws IOException {
      int n = super.read(buffer, offset, size);
      count(n);
      return n;
    }

    private void count(int n) {
      if (n < 0) {
        end = true;
      } else {
        read += n;
      }
    }
  }
}
