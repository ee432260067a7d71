package cores.http;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Holds an answer's bytes until it is written whole or passes {@link #LIMIT}, as Jersey's own
 * buffer did ({@code ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER}, turned off in its favour):
 * an answer written whole within the limit goes out with its Content-Length, and one whose writing
 * fails before then has sent nothing, so that the failure becomes a problem answer. Jersey's buffer
 * took its 8 KB for every answer (bench/README.md, "Issue 16 item 4, nineteenth session"); this one
 * grows with what it holds and holds nothing of a write that passes the limit by itself (a page
 * written in one piece).
 *
 * <p>It is the first interceptor, so that it holds the bytes as they are sent.
 */
@Priority(Integer.MIN_VALUE)
final class AnswerBuffer implements WriterInterceptor {
  /** Jersey's own buffer's size ({@code CommittingOutputStream.DEFAULT_BUFFER_SIZE}). */
  static final int LIMIT = 8192;

  private static final int FIRST = 256;

  private static final byte[] NOTHING = new byte[0];

  /** The answer being written (a proxy for the current one). */
  @Context private HttpServletResponse response;

  /** The request answered (a proxy for the current one): whether it is a HEAD. */
  @Context private HttpServletRequest request;

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    Held held = new Held(context.getOutputStream(), context.getHeaders());
    context.setOutputStream(held);
    try {
      context.proceed();
    } catch (IOException | RuntimeException e) {
      if (!held.failed(e)) {
        throw e;
      }
      // part of it went out: CutOffAnswers ends the connection and logs the answer as cut off,
      // once; thrown on, Jersey would log the failure again as a SEVERE trace naming no request
      return;
    }
    held.release();
  }

  /** The bytes of one answer, held until the answer is whole or too long to hold. */
  private final class Held extends OutputStream {
    private final OutputStream out;
    private final MultivaluedMap<String, Object> headers;
    private byte[] bytes;
    private int count;
    private boolean through;

    Held(OutputStream out, MultivaluedMap<String, Object> headers) {
      this.out = out;
      this.headers = headers;
    }

    @Override
    public void write(int b) throws IOException {
      if (through || count == LIMIT) {
        passOn();
        out.write(b);
        return;
      }
      room(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (through || count + len > LIMIT) {
        passOn();
        out.write(b, off, len);
        return;
      }
      room(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void room(int len) {
      if (bytes == null) {
        bytes = new byte[Math.max(FIRST, len)];
      } else if (count + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(LIMIT, Math.max(count + len, 2 * bytes.length)));
      }
    }

    /** From now on the bytes go on as they come, without a length (as Jersey's did past 8 KB). */
    private void passOn() throws IOException {
      if (!through) {
        through = true;
        if (count > 0) {
          out.write(bytes, 0, count);
        }
        bytes = null;
        // asked only here, past the limit: the proxies cost a small answer more than it holds
        if (HttpMethod.HEAD.equals(request.getMethod())) {
          // Jersey drops a HEAD's bytes before the server sees them: uncommitted, the server would
          // complete it with a Content-Length of 0. Its headers go out now, without a length, as
          // its GET's do.
          out.write(NOTHING);
          response.flushBuffer();
        }
      }
    }

    /**
     * The writing threw. Held, nothing was sent, and Jersey makes the failure a problem answer
     * (false: thrown on). Passed on, Jersey closes the stream as that of a whole answer, which
     * Jetty would end so (a chunked one's last chunk sent, the connection kept): the client would
     * take what it got for the whole body. Said to {@link CutOffAnswers} (true), which ends the
     * connection instead and logs the answer as cut off.
     */
    boolean failed(Throwable failure) {
      if (through) {
        // Jersey's wrapper of what the resource threw
        Throwable cause =
            failure instanceof ProcessingException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        request.setAttribute(CutOffAnswers.FAILED, cause);
      }
      return through;
    }

    /** The answer is whole: held, it goes on with its length, unless the resource gave one. */
    void release() throws IOException {
      if (through) {
        return;
      }
      if (!headers.containsKey(HttpHeaders.CONTENT_LENGTH)) {
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, count);
      }
      through = true;
      if (count > 0) {
        out.write(bytes, 0, count);
      }
      bytes = null;
    }

    @Override
    public void flush() throws IOException {
      // while held, nothing is sent (Jersey's buffer did the same)
      if (through) {
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      release();
      out.close();
    }
  }
}
