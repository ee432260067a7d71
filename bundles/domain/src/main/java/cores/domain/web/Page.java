package cores.domain.web;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/**
 * One page of a list in the original's shape: {@code {count, next, previous, results}}, with {@code
 * ?limit=N&offset=M}.
 */
public record Page<T>(long count, URI next, URI previous, List<T> results) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  /** The requested window, checked. */
  public record Window(int limit, int offset) {
    public static Window of(String limit, String offset) {
      return new Window(
          parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
          parse("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    public <T> Page<T> page(long count, List<T> results, UriInfo uri) {
      URI next =
          offset + limit < count
              ? uri.getRequestUriBuilder()
                  .replaceQueryParam("limit", limit)
                  .replaceQueryParam("offset", offset + limit)
                  .build()
              : null;
      URI previous =
          offset > 0
              ? uri.getRequestUriBuilder()
                  .replaceQueryParam("limit", limit)
                  .replaceQueryParam("offset", Math.max(0, offset - limit))
                  .build()
              : null;
      return new Page<>(count, next, previous, results);
    }

    private static int parse(String name, String value, int fallback, int min, int max) {
      if (value == null || value.isEmpty()) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= min) {
          return Math.min(parsed, max);
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw FieldErrors.single(name, "must be a whole number of at least " + min);
    }
  }
}
