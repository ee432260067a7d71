package cores.http.auth;

import cores.api.accounts.Sessions;
import cores.api.accounts.User;
import cores.api.auth.Authenticator;
import cores.api.auth.LoginFailedException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Logs a user in and opens a browser session: what {@code POST /api/auth/login} and the login page
 * share. The answer carries the cookies to set: the session (HttpOnly) and the readable CSRF token,
 * both {@code SameSite=Lax}, {@code Secure} behind HTTPS.
 */
public final class SessionLogin {
  /** Characters a cookie value may hold unquoted (RFC 6265), which session keys must keep to. */
  private static final Pattern COOKIE_SAFE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

  private final AccountServices services;
  private final CsrfTokens csrf;

  public SessionLogin(AccountServices services, CsrfTokens csrf) {
    this.services = services;
    this.csrf = csrf;
  }

  /** A logged-in user, the session's CSRF token and the {@code Set-Cookie} values to send. */
  public record Opened(User user, String csrfToken, List<String> cookies) {
    public Opened {
      cookies = List.copyOf(cookies);
    }
  }

  /**
   * @param clientAddress where the request comes from, for the throttle; null when unknown
   * @return empty when the account services are not available (503)
   * @throws LoginFailedException as the authenticator refuses the login
   */
  public Optional<Opened> open(
      String username, char[] password, boolean secure, InetAddress clientAddress)
      throws LoginFailedException {
    Optional<Authenticator> authenticator = services.authenticator();
    Optional<Sessions> sessions = services.sessions();
    if (authenticator.isEmpty() || sessions.isEmpty()) {
      return Optional.empty();
    }
    User user;
    try {
      user = authenticator.get().login(username, password, clientAddress);
    } finally {
      Arrays.fill(password, '\0');
    }
    String key = sessions.get().open(user.id());
    if (!COOKIE_SAFE.matcher(key).matches()) {
      throw new IllegalStateException("session key is not a valid cookie value");
    }
    String token = csrf.tokenFor(key);
    return Optional.of(
        new Opened(
            user,
            token,
            List.of(
                cookie(AuthenticationFilter.SESSION_COOKIE, key, true, secure, false),
                cookie(AuthenticationFilter.CSRF_COOKIE, token, false, secure, false))));
  }

  /** Ends the session of the cookie, if any, and returns the cookies that delete both. */
  public List<String> close(String key, boolean secure) {
    if (key != null && !key.isEmpty()) {
      services.sessions().ifPresent(sessions -> sessions.close(key));
    }
    return List.of(
        cookie(AuthenticationFilter.SESSION_COOKIE, "", true, secure, true),
        cookie(AuthenticationFilter.CSRF_COOKIE, "", false, secure, true));
  }

  /** A Set-Cookie value; SameSite=Lax keeps the cookies off cross-site posts. */
  static String cookie(
      String name, String value, boolean httpOnly, boolean secure, boolean expire) {
    StringBuilder cookie = new StringBuilder(name).append('=').append(value).append("; Path=/");
    if (expire) {
      cookie.append("; Max-Age=0");
    }
    if (httpOnly) {
      cookie.append("; HttpOnly");
    }
    if (secure) {
      cookie.append("; Secure");
    }
    return cookie.append("; SameSite=Lax").toString();
  }
}
