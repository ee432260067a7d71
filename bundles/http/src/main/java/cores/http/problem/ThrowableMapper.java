package cores.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import org.eclipse.jetty.http.HttpException;

/**
 * Everything no other mapper takes. A body cut off by the size limit (Jetty's exception may come
 * wrapped by Jersey) is 413; a body that could not be read is 400; anything else is a 500.
 */
public final class ThrowableMapper implements ExceptionMapper<Throwable> {
  private final InternalErrors internalErrors;
  private final JsonProblemMapper jsonMapper;

  public ThrowableMapper(InternalErrors internalErrors, JsonProblemMapper jsonMapper) {
    this.internalErrors = internalErrors;
    this.jsonMapper = jsonMapper;
  }

  @Override
  public Response toResponse(Throwable e) {
    HttpException http = cause(e, HttpException.class);
    if (http != null && http.getCode() >= 400 && http.getCode() < 500) {
      return Problems.response(http.getCode(), clientDetail(http.getCode())).build();
    }
    JsonProcessingException json = cause(e, JsonProcessingException.class);
    if (json != null) {
      return jsonMapper.toResponse(json);
    }
    if (e instanceof ProcessingException && cause(e, IOException.class) != null) {
      return Problems.response(400, "The request body could not be read.").build();
    }
    return internalErrors.toResponse(e);
  }

  private static String clientDetail(int status) {
    return status == 413
        ? "The request body is larger than the server accepts."
        : Problems.reasonPhrase(status);
  }

  /** The first throwable of the type in the cause chain, guarding against cycles. */
  static <T> T cause(Throwable e, Class<T> type) {
    Throwable current = e;
    for (int depth = 0; current != null && depth < 20; depth++) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      current = current.getCause();
    }
    return null;
  }
}
