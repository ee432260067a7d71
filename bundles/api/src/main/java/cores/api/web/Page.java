package cores.api.web;

import jakarta.ws.rs.core.UriInfo;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;

/**
 * One page of a list in the original's shape: {@code {count, next, previous, results}}, with {@code
 * ?limit=N&offset=M}.
 */
public record Page<T>(long count, URI next, URI previous, List<T> results) {
  /** The largest page a client gets, whatever limit it asks for. */
  public static final int MAX_LIMIT = 1000;

  /** The requested window, checked. */
  public record Window(int limit, int offset) {
    /**
     * The window the query parameters ask for; {@code defaultLimit} when there is no limit (each
     * API keeps the original's page size). Answers 400 for values that are no whole numbers or too
     * small; limits above {@link #MAX_LIMIT} are lowered to it.
     */
    public static Window of(String limit, String offset, int defaultLimit) {
      return new Window(parseLimit(limit, defaultLimit), offset(offset));
    }

    /**
     * The offset the parameter asks for (0 when not given); 400 naming {@code offset} when it is no
     * whole number from 0 to the largest int, rather than a silently different page.
     */
    public static int offset(String value) {
      if (value == null || value.isEmpty()) {
        return 0;
      }
      if (value.matches("\\+?[0-9]+")) {
        BigInteger parsed = new BigInteger(value);
        if (parsed.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) <= 0) {
          return parsed.intValue();
        }
      }
      throw FieldErrors.single("offset", "must be a whole number from 0 to " + Integer.MAX_VALUE);
    }

    /** The page of {@code results} out of {@code count}, linking its neighbours by request URI. */
    public <T> Page<T> page(long count, List<T> results, UriInfo uri) {
      long after = (long) offset + limit; // an offset near the largest int would overflow
      URI next =
          after < count
              ? uri.getRequestUriBuilder()
                  .replaceQueryParam("limit", limit)
                  .replaceQueryParam("offset", after)
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

    private static int parseLimit(String value, int fallback) {
      if (value == null || value.isEmpty()) {
        return fallback;
      }
      // any number of digits: a limit beyond the largest int is lowered like any other
      if (value.matches("\\+?[0-9]+")) {
        BigInteger parsed = new BigInteger(value);
        if (parsed.signum() > 0) {
          return parsed.min(BigInteger.valueOf(MAX_LIMIT)).intValue();
        }
      }
      throw FieldErrors.single("limit", "must be a whole number of at least 1");
    }
  }
}
