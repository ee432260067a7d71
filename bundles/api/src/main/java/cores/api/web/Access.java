package cores.api.web;

import cores.api.accounts.User;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Who may do what, checked at the top of resource methods: the http bundle puts the {@link User} in
 * the {@link SecurityContext} and answers {@code isUserInRole} with its permissions.
 */
public final class Access {
  private Access() {}

  /** The logged-in user; 401 for anonymous requests. */
  public static User user(SecurityContext security) {
    if (security == null || !(security.getUserPrincipal() instanceof User user)) {
      throw new ProblemException(
          401, "Unauthorized", "Authentication credentials were not provided.");
    }
    return user;
  }

  /** The logged-in user holding the permission; 401 when anonymous, 403 without it. */
  public static User require(SecurityContext security, String permission) {
    User user = user(security);
    if (!security.isUserInRole(permission)) {
      throw forbidden("This needs the permission " + permission + ".");
    }
    return user;
  }

  /**
   * Refuses (403) what may not be done while impersonating: whatever outlives the impersonation or
   * changes credentials and rights (API tokens, calendar feeds, passwords, permissions) must be
   * done by the staff member as themselves.
   *
   * @param what what is refused, e.g. "create API tokens"
   */
  public static void requireNotImpersonating(ContainerRequestContext request, String what) {
    // from the request: a SecurityContext injected with @Context is Jersey's proxy, not the Visitor
    if (Visitor.of(request).impersonator().isPresent()) {
      throw forbidden("You may not " + what + " while impersonating: stop impersonating first.");
    }
  }

  /** The 403 answer, saying why. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }
}
