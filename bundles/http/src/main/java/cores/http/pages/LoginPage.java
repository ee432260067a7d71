package cores.http.pages;

import cores.api.auth.LoginFailedException;
import cores.api.web.Whiteboard;
import cores.http.HttpConfig;
import cores.http.auth.AccountServices;
import cores.http.auth.AuthenticationFilter;
import cores.http.auth.CsrfTokens;
import cores.http.auth.RequestFacts;
import cores.http.auth.SessionLogin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /login}: a plain HTML login form; {@code POST /login}: logs in through the same {@link
 * SessionLogin} as {@code POST /api/auth/login} and redirects to {@code next} (a local path only).
 * Before there is a session the form is protected from cross-site posts by a random value in an
 * HttpOnly, SameSite=Lax cookie whose signature the form carries.
 */
@Component(
    service = LoginPage.class,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = Whiteboard.PAGE + "=true")
@Path("login")
public final class LoginPage {
  static final String NONCE_COOKIE = "cores_login";
  static final String HOME = "/login";

  private final AccountServices services;
  private final CsrfTokens csrf;
  private final SessionLogin login;
  private final SecureRandom random = new SecureRandom();

  @Activate
  public LoginPage(HttpConfig config, @Reference AccountServices services) {
    this(services, new CsrfTokens(config.secretKey()));
  }

  public LoginPage(AccountServices services, CsrfTokens csrf) {
    this.services = services;
    this.csrf = csrf;
    this.login = new SessionLogin(services, csrf);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response form(
      @QueryParam("next") String next,
      @CookieParam(AuthenticationFilter.SESSION_COOKIE) String session,
      @Context SecurityContext security,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    boolean secure = RequestFacts.isSecure(uri.getRequestUri(), forwardedProto);
    if (security.getUserPrincipal() != null && session != null) {
      return html(200, loggedIn(security.getUserPrincipal().getName(), session)).build();
    }
    String nonce = nonce();
    return html(200, loginForm(nonce, "", Html.localPath(next, HOME), null))
        .header(HttpHeaders.SET_COOKIE, nonceCookie(nonce, secure))
        .build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response submit(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam(Whiteboard.CSRF_FIELD) String token,
      @FormParam("next") String next,
      @CookieParam(NONCE_COOKIE) String nonce,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    boolean secure = RequestFacts.isSecure(uri.getRequestUri(), forwardedProto);
    String target = Html.localPath(next, HOME);
    String fresh = nonce();
    if (nonce == null || nonce.isEmpty() || !csrf.matches(nonce, token)) {
      return retry(403, fresh, username, target, "The form expired. Please try again.", secure);
    }
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return retry(400, fresh, username, target, "Enter a username and a password.", secure);
    }
    Optional<SessionLogin.Opened> opened;
    try {
      opened = login.open(username, password.toCharArray(), secure);
    } catch (LoginFailedException e) {
      int status =
          switch (e.reason()) {
            case UNAVAILABLE -> 503;
            case THROTTLED -> 429;
            case INVALID_CREDENTIALS, INACTIVE -> 401;
          };
      return retry(status, fresh, username, target, e.getMessage(), secure);
    }
    if (opened.isEmpty()) {
      return retry(503, fresh, username, target, "authentication service unavailable", secure);
    }
    Response.ResponseBuilder response = Response.seeOther(URI.create(target));
    opened.get().cookies().forEach(c -> response.header(HttpHeaders.SET_COOKIE, c));
    return response.header(HttpHeaders.SET_COOKIE, expiredNonceCookie(secure)).build();
  }

  private Response retry(
      int status, String nonce, String username, String next, String message, boolean secure) {
    return html(status, loginForm(nonce, username, next, message))
        .header(HttpHeaders.SET_COOKIE, nonceCookie(nonce, secure))
        .build();
  }

  private String loginForm(String nonce, String username, String next, String error) {
    StringBuilder body = new StringBuilder();
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>\n");
    }
    body.append("<form method=\"post\" action=\"/login\">\n")
        .append(Html.hidden(Whiteboard.CSRF_FIELD, csrf.tokenFor(nonce)))
        .append(Html.hidden("next", next))
        .append("<p><label for=\"username\">Username</label><br>\n")
        .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required")
        .append(" autofocus value=\"")
        .append(Html.escape(username))
        .append("\"></p>\n")
        .append("<p><label for=\"password\">Password</label><br>\n")
        .append("<input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required></p>\n")
        .append("<p><button type=\"submit\">Log in</button></p>\n</form>\n");
    return Html.page("Log in", body.toString());
  }

  private String loggedIn(String username, String session) {
    return Html.page(
        "Logged in",
        "<p>You are logged in as <strong>"
            + Html.escape(username)
            + "</strong>.</p>\n"
            + LogoutPage.form(csrf.tokenFor(session)));
  }

  private static Response.ResponseBuilder html(int status, String page) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(page);
  }

  private String nonce() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String nonceCookie(String nonce, boolean secure) {
    return NONCE_COOKIE
        + "="
        + nonce
        + "; Path=/login; HttpOnly"
        + (secure ? "; Secure" : "")
        + "; SameSite=Lax";
  }

  private static String expiredNonceCookie(boolean secure) {
    return NONCE_COOKIE
        + "=; Path=/login; Max-Age=0; HttpOnly"
        + (secure ? "; Secure" : "")
        + "; SameSite=Lax";
  }
}
