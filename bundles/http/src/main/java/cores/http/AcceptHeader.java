package cores.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Parses the {@code Accept} header before Jersey matches the request to a method: there a header
 * that does not parse became a bare 400 ("Bad Request") that no exception mapper sees; here it
 * fails as the other request headers do, answered "Malformed header: ..." naming it.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
final class AcceptHeader implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    request.getAcceptableMediaTypes();
  }
}
