package cores.api.web;

import cores.api.accounts.User;
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

  /** The 403 answer, saying why. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "Forbidden", detail);
  }
}
