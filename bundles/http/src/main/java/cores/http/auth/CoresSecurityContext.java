package cores.http.auth;

import cores.api.accounts.User;
import cores.api.web.Visitor;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The visitor of a request: the authenticated user (roles are the user's permissions), or an
 * anonymous page visitor. The impersonator is looked up only when a page asks (the banner), not on
 * every API request.
 */
public final class CoresSecurityContext implements Visitor {
  public static final String TOKEN_AUTH = "TOKEN";
  public static final String SESSION_AUTH = "SESSION";

  private final User user;
  private final String scheme;
  private final boolean secure;
  private final Supplier<String> csrfToken;
  private final Supplier<Optional<User>> impersonator;

  // guarded by this
  private Optional<User> knownImpersonator;
  private String knownToken;

  public CoresSecurityContext(User user, String scheme, boolean secure) {
    this(user, scheme, secure, () -> "", Optional::empty);
  }

  /**
   * @param csrfToken asked for at most once, when a page puts a form on the page
   * @param impersonator asked for at most once, when a page shows the impersonation banner
   */
  public CoresSecurityContext(
      User user,
      String scheme,
      boolean secure,
      Supplier<String> csrfToken,
      Supplier<Optional<User>> impersonator) {
    this.user = user;
    this.scheme = scheme;
    this.secure = secure;
    this.csrfToken = csrfToken;
    this.impersonator = impersonator;
  }

  /** An anonymous page visitor whose forms carry this token. */
  public static CoresSecurityContext anonymous(boolean secure, Supplier<String> csrfToken) {
    return new CoresSecurityContext(null, null, secure, csrfToken, Optional::empty);
  }

  @Override
  public Optional<User> user() {
    return Optional.ofNullable(user);
  }

  @Override
  public synchronized Optional<User> impersonator() {
    if (knownImpersonator == null) {
      knownImpersonator = impersonator.get();
    }
    return knownImpersonator;
  }

  @Override
  public synchronized String csrfToken() {
    if (knownToken == null) {
      knownToken = csrfToken.get();
    }
    return knownToken;
  }

  @Override
  public Principal getUserPrincipal() {
    return user;
  }

  @Override
  public boolean isUserInRole(String permission) {
    return user != null && user.hasPermission(permission);
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
