package cores.http.auth;

import cores.api.changes.Actor;
import cores.api.changes.ChangeLog;
import cores.api.web.Visitor;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Tells the change log who acts for the length of the request: the authenticated user and, for a
 * session, the staff user impersonating them (looked up only if the request writes). Every request
 * binds, an anonymous one to nobody, so a binding can never outlast its request into another one
 * served by the same thread.
 */
@Priority(Priorities.AUTHENTICATION + 10)
public final class ActingUserFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String BINDING_PROPERTY = "cores.http.changeLogBinding";

  private final AccountServices services;

  public ActingUserFilter(AccountServices services) {
    this.services = services;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<ChangeLog> changes = services.changes();
    if (changes.isEmpty()) {
      return;
    }
    SecurityContext security = request.getSecurityContext();
    request.setProperty(BINDING_PROPERTY, changes.get().actingAs(() -> actor(security)));
  }

  private static Optional<Actor> actor(SecurityContext security) {
    if (!(security instanceof Visitor visitor)) {
      return Optional.empty();
    }
    return visitor
        .user()
        .map(
            user ->
                visitor
                    .impersonator()
                    .map(by -> new Actor(user.id(), user.username(), by.id(), by.username()))
                    .orElseGet(() -> Actor.of(user.id(), user.username())));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(BINDING_PROPERTY) instanceof ChangeLog.Binding binding) {
      request.removeProperty(BINDING_PROPERTY);
      binding.close();
    }
  }
}
