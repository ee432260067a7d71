package cores.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cores.http.problem.Problems;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes problem details from Jetty handlers, where JAX-RS is not involved. */
final class JettyProblems {
  private final ObjectMapper mapper;

  JettyProblems(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  byte[] json(int status, String detail) {
    try {
      return mapper.writeValueAsBytes(Problems.body(status, Problems.reasonPhrase(status), detail));
    } catch (JsonProcessingException e) {
      // a map of strings and an int always serialises
      throw new IllegalStateException(e);
    }
  }

  void write(Request request, Response response, Callback callback, int status, String detail) {
    byte[] body = json(status, detail);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    SecurityHeaders.apply(response.getHeaders(), SecurityHeaders.isApi(pathOf(request)));
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static String pathOf(Request request) {
    return request.getHttpURI().getPath();
  }
}
