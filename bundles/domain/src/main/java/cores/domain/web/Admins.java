package cores.domain.web;

import cores.api.accounts.User;
import cores.api.web.Access;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The original's "admin" endpoints (imports, cron): an active staff member or superuser, however
 * authenticated (session, Basic, or {@code Authorization: Token}: the "admin token" of API.md is a
 * token of such a user). Running a job is a superuser's ({@link #requireSuperuser}).
 */
final class Admins {
  private Admins() {}

  /** The admin; 401 when anonymous, 403 for anyone else. */
  static User require(SecurityContext security, String what) {
    User user = Access.user(security);
    if (!user.active() || !(user.staff() || user.superuser())) {
      throw Access.forbidden("Only staff may " + what + ".");
    }
    return user;
  }

  /** An active superuser; 401 when anonymous, 403 for anyone else (staff too). */
  static User requireSuperuser(SecurityContext security, String what) {
    User user = Access.user(security);
    if (!user.active() || !user.superuser()) {
      throw Access.forbidden("Only superusers may " + what + ".");
    }
    return user;
  }
}
