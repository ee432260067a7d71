package cores.http.auth;

/**
 * {@code WWW-Authenticate} values. Only a failed Basic login challenges with Basic: browsers open a
 * login dialog for that, which the web UI must not trigger for a plain "please log in".
 */
public final class Challenges {
  public static final String BASIC = "Basic realm=\"cores\", charset=\"UTF-8\"";
  public static final String TOKEN = "Token realm=\"cores\"";
  public static final String SESSION = "Session realm=\"cores\"";

  private Challenges() {}
}
