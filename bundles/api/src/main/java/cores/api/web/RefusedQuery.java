package cores.api.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of a page's request that the pages' application set aside before the page
 * read its query: those holding text PostgreSQL would not store as sent ({@link StorableText}, e.g.
 * a NUL from an edited URL), by name as {@link StorableText#shown} with their problem. The page is
 * asked without them; a page with a search or filters shows it again, answering 400, with each
 * problem at its search or filter, as it shows a value it refuses itself. (The REST API answers
 * such a query 400 with a problem naming each parameter.) Since 1.11.0.
 */
public final class RefusedQuery {
  /** The request property that holds them. */
  public static final String PROPERTY = RefusedQuery.class.getName();

  private RefusedQuery() {}

  /** The parameters set aside, with their problems; empty when none was. */
  @SuppressWarnings("unchecked")
  public static Map<String, List<String>> of(ContainerRequestContext request) {
    Object set = request.getProperty(PROPERTY);
    return set instanceof Map<?, ?> map ? (Map<String, List<String>>) map : Map.of();
  }
}
