package cores.http.problem;

import cores.api.web.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers a resource's {@link ProblemException} as it describes itself. */
public final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
  @Override
  public Response toResponse(ProblemException e) {
    String title = e.title() == null ? Problems.reasonPhrase(e.status()) : e.title();
    return Problems.response(e.status(), title, e.detail(), e.errors()).build();
  }
}
