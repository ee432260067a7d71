package cores.http;

import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A query whose parameters are not URL-encoded UTF-8 (a broken {@code %} escape, or escapes whose
 * bytes are not UTF-8 such as {@code ?search=%FF}) is a 400 naming them, on the API and the pages,
 * as a form is ({@link FormEncoding}): JAX-RS put U+FFFD in their place, and a page searched for
 * that instead of what was sent. Before the pages set aside the parameters they cannot store
 * ({@code StorableQueries}), which read the query as JAX-RS does.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 60)
final class QueryEncoding implements ContainerRequestFilter {
  /**
   * Request attribute: the query as sent, which {@link FrontHandler} notes. Jersey's servlet
   * escapes the {@code %} of a broken escape ({@code a%2} became {@code a%252}), so the request URI
   * no longer shows it.
   */
  static final String SENT_QUERY = QueryEncoding.class.getName() + ".sent";

  @Override
  public void filter(ContainerRequestContext request) {
    String query =
        request.getProperty(SENT_QUERY) instanceof String sent
            ? sent
            : request.getUriInfo().getRequestUri().getRawQuery();
    if (query == null || query.isEmpty()) {
      return;
    }
    // a character outside ASCII that the URI holds unescaped is its UTF-8 bytes, as sent
    Map<String, List<String>> errors =
        FormEncoding.problems(query.getBytes(StandardCharsets.UTF_8));
    if (!errors.isEmpty()) {
      request.abortWith(
          Problems.response(
                  400,
                  Problems.reasonPhrase(400),
                  "Query parameter(s) not URL-encoded UTF-8: " + String.join(", ", errors.keySet()),
                  errors)
              .build());
    }
  }
}
