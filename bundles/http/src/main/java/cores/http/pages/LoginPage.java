package cores.http.pages;

import cores.api.auth.LoginFailedException;
import cores.api.web.StorableText;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.http.HttpConfig;
import cores.http.auth.AccountServices;
import cores.http.auth.AuthenticationFilter;
import cores.http.auth.ClientAddresses;
import cores.http.auth.CsrfTokens;
import cores.http.auth.RequestFacts;
import cores.http.auth.SessionLogin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /login}: the login form; {@code POST /login}: logs in through the same {@link
 * SessionLogin} as {@code POST /api/auth/login} and redirects to {@code next} (a local path only).
 * Before there is a session the authentication filter protects the form from cross-site posts (the
 * anonymous visitor's CSRF token, {@link Visitor#csrfToken}).
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = LoginPage.class,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Path("login")
public final class LoginPage {
  static final String HOME = "/";

  private final SessionLogin login;
  private final PageLayouts layouts;

  @Activate
  public LoginPage(
      HttpConfig config, @Reference AccountServices services, @Reference PageLayouts layouts) {
    this(services, new CsrfTokens(config.secretKey()), layouts);
  }

  /** With tokens of a given key (tests); SCR sees one public constructor, the one it activates. */
  public static LoginPage of(AccountServices services, CsrfTokens csrf, PageLayouts layouts) {
    return new LoginPage(services, csrf, layouts);
  }

  private LoginPage(AccountServices services, CsrfTokens csrf, PageLayouts layouts) {
    this.login = new SessionLogin(services, csrf);
    this.layouts = layouts;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response form(@QueryParam("next") String next, @Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    if (visitor.user().isPresent()) {
      return html(200, loggedIn(visitor)).build();
    }
    return html(200, loginForm(visitor, "", Html.localPath(next, HOME), null)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response submit(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("next") String next,
      @Context ContainerRequestContext request,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    Visitor visitor = Visitor.of(request);
    boolean secure = RequestFacts.isSecure(uri.getRequestUri(), forwardedProto);
    String target = Html.localPath(next, HOME);
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return retry(400, visitor, username, target, "Enter a username and a password.");
    }
    // the form shown again as typed, as the pages do with their forms
    String unstorable = unstorable("Username", username);
    if (unstorable == null) {
      unstorable = unstorable("Password", password);
    }
    if (unstorable != null) {
      return retry(400, visitor, StorableText.shown(username), target, unstorable);
    }
    Optional<SessionLogin.Opened> opened;
    try {
      opened =
          login.open(
              username, password.toCharArray(), secure, ClientAddresses.of(request).orElse(null));
    } catch (LoginFailedException e) {
      int status =
          switch (e.reason()) {
            case UNAVAILABLE -> 503;
            case THROTTLED -> 429;
            case INVALID_CREDENTIALS, INACTIVE -> 401;
          };
      Response.ResponseBuilder page =
          html(status, loginForm(visitor, username, target, e.getMessage()));
      if (status == 429 || e.retryAfter().isPresent()) {
        page.header(HttpHeaders.RETRY_AFTER, AuthenticationFilter.retryAfter(e));
      }
      return page.build();
    }
    if (opened.isEmpty()) {
      return retry(503, visitor, username, target, "authentication service unavailable");
    }
    Response.ResponseBuilder response = Response.seeOther(URI.create(target));
    opened.get().cookies().forEach(c -> response.header(HttpHeaders.SET_COOKIE, c));
    return response.build();
  }

  /** The field's problem when PostgreSQL would not store it ({@link StorableText}), else null. */
  private static String unstorable(String label, String value) {
    String problem = StorableText.problem(value);
    return problem == null ? null : label + ": " + problem;
  }

  private Response retry(
      int status, Visitor visitor, String username, String next, String message) {
    return html(status, loginForm(visitor, username, next, message)).build();
  }

  private String loginForm(Visitor visitor, String username, String next, String error) {
    StringBuilder body = new StringBuilder();
    if (error != null) {
      body.append("<p class=\"cores-message cores-message--error\" role=\"alert\">")
          .append(Html.escape(error))
          .append("</p>\n");
    }
    body.append("<form method=\"post\" action=\"/login\" class=\"cores-card cores-narrow\">\n")
        .append(Html.hidden(Whiteboard.CSRF_FIELD, visitor.csrfToken()))
        .append(Html.hidden("next", next))
        .append("<div class=\"cores-field\"><label for=\"username\">Username</label>\n")
        .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required")
        .append(" autofocus value=\"")
        .append(Html.escape(username))
        .append("\"></div>\n")
        .append("<div class=\"cores-field\"><label for=\"password\">Password</label>\n")
        .append("<input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required></div>\n")
        .append("<p><button type=\"submit\" class=\"cores-button\">Log in</button></p>\n")
        .append("<p><a href=\"/password-reset\">Forgot your password?</a></p>\n</form>\n");
    return layouts.page(visitor, "/login", "Log in", body.toString());
  }

  private String loggedIn(Visitor visitor) {
    return LogoutPage.loggedIn(layouts, visitor, "/login", "Logged in");
  }

  private static Response.ResponseBuilder html(int status, String page) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(page);
  }
}
