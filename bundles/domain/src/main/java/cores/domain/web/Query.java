package cores.domain.web;

import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Query parameters as name to first value. */
final class Query {
  /** The original's default page size for lists without ?limit. */
  static final int PAGE_SIZE = 50;

  private Query() {}

  /** Null for an absent or empty parameter. */
  static String blank(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static Map<String, String> of(UriInfo uri) {
    Map<String, String> query = new HashMap<>();
    for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
      if (!e.getValue().isEmpty()) {
        query.put(e.getKey(), e.getValue().get(0));
      }
    }
    return query;
  }
}
