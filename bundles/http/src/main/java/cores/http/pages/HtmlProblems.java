package cores.http.pages;

import cores.api.web.Visitor;
import cores.http.problem.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pages answer errors as pages: every problem-details answer of the page application (an unknown
 * path, a refused form post, a resource's {@code ProblemException}, a 500) becomes an HTML page in
 * the site's frame with the same status and headers. The mappers stay those of the API, so both say
 * the same thing.
 */
public final class HtmlProblems implements ContainerResponseFilter {
  private final PageLayouts layouts;

  public HtmlProblems(PageLayouts layouts) {
    this.layouts = layouts;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(response.getEntity() instanceof Map<?, ?> body)
        || !Problems.MEDIA_TYPE_OBJECT.isCompatible(response.getMediaType())) {
      return;
    }
    int status = response.getStatus();
    String title = String.valueOf(body.get("title"));
    Object detail = body.get("detail");
    String text = detail == null ? "" : detail.toString();
    if (body.get("errors") instanceof Map<?, ?> errors && !errors.isEmpty()) {
      StringBuilder all = new StringBuilder(text);
      errors.forEach((field, problems) -> all.append(' ').append(sentence(field, problems)));
      text = all.toString();
    }
    String html = layouts.error(Visitor.of(request), status, status + " " + title, text);
    response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"));
    response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /** A field's problems as a sentence for people ("lab: must be ids, not abc."), not a list. */
  static String sentence(Object field, Object problems) {
    String said =
        problems instanceof List<?> list
            ? list.stream().map(String::valueOf).collect(Collectors.joining("; "))
            : String.valueOf(problems);
    return field + ": " + said + (said.endsWith(".") ? "" : ".");
  }
}
