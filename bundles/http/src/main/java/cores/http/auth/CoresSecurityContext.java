package cores.http.auth;

import cores.api.accounts.User;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The authenticated user of a request; roles are the user's permissions. */
public final class CoresSecurityContext implements SecurityContext {
  public static final String TOKEN_AUTH = "TOKEN";
  public static final String SESSION_AUTH = "SESSION";

  private final User user;
  private final String scheme;
  private final boolean secure;

  public CoresSecurityContext(User user, String scheme, boolean secure) {
    this.user = user;
    this.scheme = scheme;
    this.secure = secure;
  }

  @Override
  public Principal getUserPrincipal() {
    return user;
  }

  @Override
  public boolean isUserInRole(String permission) {
    return user.hasPermission(permission);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return scheme;
  }
}
