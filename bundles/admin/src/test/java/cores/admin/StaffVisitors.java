package cores.admin;

import cores.api.accounts.User;
import cores.api.web.Visitor;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/** The admin pages' visitor in the tests: a logged-in staff user with these permissions. */
final class StaffVisitors {
  private StaffVisitors() {}

  static Visitor with(Set<String> permissions) {
    User user = new User(1, "staff", "", "", "", true, true, false, Set.of(), permissions, null);
    return Visitor.of(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return user;
          }

          @Override
          public boolean isUserInRole(String role) {
            return false;
          }

          @Override
          public boolean isSecure() {
            return true;
          }

          @Override
          public String getAuthenticationScheme() {
            return "session";
          }
        });
  }
}
