package cores.http;

import java.io.IOException;
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

  /**
   * The request attribute by which the servlet layer says that the answer's writing failed after
   * part of it went on ({@link AnswerBuffer}), holding the failure. Jersey then closes the stream
   * as that of a whole answer: what is written from then on is dropped and the request fails, so
   * that Jetty ends the connection without the end of the body (or, when nothing went out yet,
   * answers with an error) instead of ending the answer as whole.
   */
  static final String FAILED = CutOffAnswers.class.getName() + ".failed";

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
            // succeeded, Jetty would end the answer as whole itself (a chunked one's last chunk);
            // failed, it ends the connection, or answers with an error when nothing went out yet
            Throwable failure = watched.failed();
            if (failure != null) {
              failed(failure);
              return;
            }
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
      if (failed() != null) {
        // the stream closed as if the answer were whole: dropped, the request fails instead
        callback.succeeded();
        return;
      }
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

    /** What the servlet layer said failed the answer's writing ({@link #FAILED}), or null. */
    Throwable failed() {
      return getRequest().getAttribute(FAILED) instanceof Throwable failure ? failure : null;
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
      // a client gone needs no trace; a writer's own failure is a bug, whose trace is the clue
      LOG.warn(
          "{} {}: its answer ({}) was cut off after {} bytes of its body: {}",
          request.getMethod(),
          AccessLog.clean(AccessLog.loggable(request.getHttpURI().getPathQuery())),
          getStatus(),
          Response.getContentBytesWritten(getWrapped()),
          cause,
          why instanceof IOException ? null : why);
    }
  }
}
