package cores.web;

import java.net.URI;
import java.util.Optional;

/**
 * Where the original's URLs moved, the query going along: a bookmarked page of a list ({@code
 * /live/hosts/?offset=50}) lands on that page, not on the first.
 */
public final class Moved {
  private Moved() {}

  /** {@code path} with the requested URI's query, if it has one. */
  public static String to(String path, URI requested) {
    String query = requested.getRawQuery();
    return query == null ? path : path + "?" + query;
  }

  /**
   * The original's URLs ended in a slash: {@code /live/dash/} moved to {@code /live/dash}; empty
   * for a path without one (and for the root).
   */
  public static Optional<String> slash(URI requested) {
    String path = requested.getRawPath();
    if (path.length() > 1 && path.endsWith("/")) {
      return Optional.of(to(path.substring(0, path.length() - 1), requested));
    }
    return Optional.empty();
  }
}
