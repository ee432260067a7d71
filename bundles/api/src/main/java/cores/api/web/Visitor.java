package cores.api.web;

import cores.api.accounts.User;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Who is looking at a page. The HTTP bundle's {@link SecurityContext} of every page request (and of
 * every authenticated API request) implements it; {@link #of} turns any security context into one,
 * so pages write {@code Visitor visitor = Visitor.of(security)}.
 */
public interface Visitor extends SecurityContext {

  /**
   * The user the request acts as (the impersonated one while impersonating); empty if anonymous.
   */
  Optional<User> user();

  /** The staff member behind an impersonation; empty when the request is not impersonating. */
  Optional<User> impersonator();

  /**
   * The token a form posted by this visitor must carry in {@link Whiteboard#CSRF_FIELD}: bound to
   * the session, or for anonymous visitors to a random value in an HttpOnly cookie. Empty when the
   * request cannot post forms (API credentials, no cookie support).
   */
  String csrfToken();

  /** Whether the visitor holds the permission (anonymous visitors hold none). */
  default boolean may(String permission) {
    return user().map(u -> u.hasPermission(permission)).orElse(false);
  }

  /** Whether the visitor is an active staff member or superuser. */
  default boolean staff() {
    return user().map(u -> u.active() && (u.staff() || u.superuser())).orElse(false);
  }

  /** The visitor of a request. */
  static Visitor of(ContainerRequestContext request) {
    return of(request.getSecurityContext());
  }

  /** The visitor of a security context: the context itself when the HTTP bundle made it. */
  static Visitor of(SecurityContext security) {
    if (security instanceof Visitor visitor) {
      return visitor;
    }
    Principal principal = security == null ? null : security.getUserPrincipal();
    return new Anonymous(principal instanceof User user ? user : null, security);
  }

  /** A visitor made from a security context that is not one (tests, other containers). */
  final class Anonymous implements Visitor {
    private final User user;
    private final SecurityContext security;

    Anonymous(User user, SecurityContext security) {
      this.user = user;
      this.security = security;
    }

    @Override
    public Optional<User> user() {
      return Optional.ofNullable(user);
    }

    @Override
    public Optional<User> impersonator() {
      return Optional.empty();
    }

    @Override
    public String csrfToken() {
      return "";
    }

    @Override
    public Principal getUserPrincipal() {
      return user;
    }

    @Override
    public boolean isUserInRole(String role) {
      return user != null && user.hasPermission(role);
    }

    @Override
    public boolean isSecure() {
      return security != null && security.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return security == null ? null : security.getAuthenticationScheme();
    }
  }
}
