package cores.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cores.api.web.Visitor;
import cores.http.pages.HtmlProblems;
import cores.http.pages.PageLayouts;
import cores.http.problem.Problems;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes problem details from Jetty handlers, where JAX-RS is not involved. */
final class JettyProblems {
  private final ObjectMapper mapper;

  /** The pages' frame for {@link #writeForPath}; null: problem details everywhere. */
  private final PageLayouts layouts;

  JettyProblems(ObjectMapper mapper) {
    this(mapper, null);
  }

  JettyProblems(ObjectMapper mapper, PageLayouts layouts) {
    this.mapper = mapper;
    this.layouts = layouts;
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

  /**
   * As the application of the path answers: outside the API the site's HTML error page (as {@link
   * HtmlProblems} makes the pages' own), which a browser shows, with the same text; problem details
   * on the API. The visitor is not known yet, so the page is an anonymous visitor's.
   */
  void writeForPath(
      Request request, Response response, Callback callback, int status, String detail) {
    if (layouts == null || SecurityHeaders.isApi(pathOf(request))) {
      write(request, response, callback, status, detail);
      return;
    }
    byte[] body =
        layouts
            .error(
                Visitor.of((SecurityContext) null),
                status,
                status + " " + Problems.reasonPhrase(status),
                detail)
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    SecurityHeaders.apply(response.getHeaders(), false);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static String pathOf(Request request) {
    return request.getHttpURI().getPath();
  }
}
