package cores.http.problem;

import jakarta.ws.rs.core.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers unexpected failures with 500: an id that is also logged with the stack trace lets admins
 * find the cause without showing internals to users; the trace is in the body only in debug mode.
 */
public final class InternalErrors {
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

  private final boolean debug;

  public InternalErrors(boolean debug) {
    this.debug = debug;
  }

  public Response toResponse(Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.error("Internal error {}", id, e);
    Map<String, Object> body =
        Problems.body(
            500, "Internal Server Error", "An unexpected error occurred (error id " + id + ").");
    body.put("id", id);
    if (debug) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      body.put("trace", trace.toString());
    }
    return Response.status(500).type(Problems.MEDIA_TYPE_OBJECT).entity(body).build();
  }
}
