package cores.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when an answer is cut off: its status and headers went out, then it ended before its end
 * (the client stopped reading for longer than the idle timeout, the connection broke, its writing
 * threw) and Jetty closed the connection mid-body. The client sees a short body (a chunked one ends
 * without its last chunk); before, the access log showed the status and the bytes written as for
 * any other answer, and Jersey's message on a failed write does not name the request.
 *
 * <p>A warning names the request, and its access log line ends with {@code cut off: <cause>}. Jetty
 * completes the request as done even then, so the answer is watched: committed, and either a write
 * failed or the last one never came.
 */
final class CutOffAnswers extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(CutOffAnswers.class);

  /** The request attribute holding why its answer was cut off, for the access log. */
  static final String CAUSE = CutOffAnswers.class.getName() + ".cause";

  /** Why, when no write failed: the writer gave up (e.g. threw) after the answer was committed. */
  static final String UNFINISHED = "its writing stopped before its end";

  CutOffAnswers(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Watched watched = new Watched(request, response);
    return super.handle(
        request,
        watched,
        new Callback.Nested(callback) {
          @Override
          public void succeeded() {
            watched.check(null);
            super.succeeded();
          }

          @Override
          public void failed(Throwable failure) {
            watched.check(failure);
            super.failed(failure);
          }
        });
  }

  /** An answer whose writes are watched for their end and their failures. */
  private static final class Watched extends Response.Wrapper {
    private volatile boolean ended;
    private volatile Throwable writeFailure;

    Watched(Request request, Response response) {
      super(request, response);
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
      super.write(
          last,
          content,
          new Callback.Nested(callback) {
            @Override
            public void succeeded() {
              if (last) {
                ended = true;
              }
              super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
              writeFailure = failure;
              super.failed(failure);
            }
          });
    }

    /** The request is done: was its answer cut off? */
    void check(Throwable failure) {
      // uncommitted, a failure still becomes an error answer of its own
      if (!isCommitted() || (ended && writeFailure == null)) {
        return;
      }
      Throwable why = writeFailure != null ? writeFailure : failure;
      String cause = AccessLog.clean(why == null ? UNFINISHED : why.toString());
      Request request = getRequest();
      request.setAttribute(CAUSE, cause);
      LOG.warn(
          "{} {}: its answer ({}) was cut off after {} bytes of its body: {}",
          request.getMethod(),
          AccessLog.clean(AccessLog.loggable(request.getHttpURI().getPathQuery())),
          getStatus(),
          Response.getContentBytesWritten(getWrapped()),
          cause);
    }
  }
}
