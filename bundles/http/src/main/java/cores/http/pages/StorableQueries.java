package cores.http.pages;

import cores.api.web.RefusedQuery;
import cores.api.web.StorableText;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages' query parameters holding text PostgreSQL would not store as sent ({@link
 * StorableText}, e.g. {@code ?q=%00}) are set aside before any page reads its query: the page is
 * asked without them and finds them, with their problems, in {@link RefusedQuery}, so that it shows
 * itself again with the problem at its search or filter instead of a bare 400. The one place for
 * every page; the REST API refuses such a query itself (400, naming the parameter).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class StorableQueries implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return;
    }
    Map<String, List<String>> refused = new LinkedHashMap<>();
    List<String> kept = new ArrayList<>();
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String problem = StorableText.problem(name);
      if (problem == null && eq >= 0) {
        problem = StorableText.problem(decode(pair.substring(eq + 1)));
      }
      if (problem == null) {
        kept.add(pair);
      } else {
        refused.putIfAbsent(StorableText.shown(name), List.of(problem));
      }
    }
    if (!refused.isEmpty()) {
      request.setProperty(RefusedQuery.PROPERTY, Map.copyOf(refused));
      // the kept pairs as they came, encoded
      String asked = uri.toString();
      String path = asked.substring(0, asked.indexOf('?'));
      request.setRequestUri(
          request.getUriInfo().getBaseUri(),
          URI.create(kept.isEmpty() ? path : path + "?" + String.join("&", kept)));
    }
  }

  /** A parameter as JAX-RS decodes it; a broken escape is left to the page's own reading. */
  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return encoded;
    }
  }
}
