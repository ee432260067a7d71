package cores.http.pages;

import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import cores.http.HttpConfig;
import cores.http.auth.AccountServices;
import cores.http.auth.AuthenticationFilter;
import cores.http.auth.CsrfTokens;
import cores.http.auth.RequestFacts;
import cores.http.auth.SessionLogin;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code POST /logout} from a form: ends the session and redirects to {@code next} (a local path)
 * or, without one, to {@link Whiteboard#LOGGED_OUT}, which says so (every logout form leads there,
 * not only the header's). The CSRF token of the session is checked by the authentication filter
 * (form field {@value Whiteboard#CSRF_FIELD}); a post without a valid session just clears the
 * cookies.
 *
 * <p>{@code GET /logout} (a link, the original's {@code /account/logout}, which logged out on GET)
 * asks: a logged-in visitor gets the logout button, anyone else the page that says they are logged
 * out. A GET changes nothing, so no other site can log a user out with a link or an image.
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = LogoutPage.class,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Path("logout")
public final class LogoutPage {
  private final SessionLogin login;
  private final PageLayouts layouts;

  @Activate
  public LogoutPage(
      HttpConfig config, @Reference AccountServices services, @Reference PageLayouts layouts) {
    this(services, new CsrfTokens(config.secretKey()), layouts);
  }

  /** With tokens of a given key (tests); SCR sees one public constructor, the one it activates. */
  public static LogoutPage of(AccountServices services, CsrfTokens csrf, PageLayouts layouts) {
    return new LogoutPage(services, csrf, layouts);
  }

  private LogoutPage(AccountServices services, CsrfTokens csrf, PageLayouts layouts) {
    this.login = new SessionLogin(services, csrf);
    this.layouts = layouts;
  }

  /** The logout button, for pages of a logged-in user. */
  static String form(String csrfToken) {
    return "<form method=\"post\" action=\"/logout\">\n"
        + Html.hidden(Whiteboard.CSRF_FIELD, csrfToken)
        + Html.hidden("next", Whiteboard.LOGGED_OUT)
        + "<p><button type=\"submit\" class=\"cores-button\">Log out</button></p>\n</form>\n";
  }

  /** Who is logged in and the logout button, as the login page shows it to a logged-in visitor. */
  static String loggedIn(PageLayouts layouts, Visitor visitor, String path, String title) {
    return layouts.page(
        visitor,
        path,
        title,
        "<p>You are logged in as <strong>"
            + Html.escape(visitor.user().orElseThrow().getName())
            + "</strong>.</p>\n"
            + form(visitor.csrfToken()));
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response ask(@Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    if (visitor.user().isEmpty()) {
      return Response.seeOther(URI.create(Whiteboard.LOGGED_OUT)).build();
    }
    return Response.ok(loggedIn(layouts, visitor, "/logout", "Log out"))
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @POST
  public Response logout(
      @FormParam("next") String next,
      @CookieParam(AuthenticationFilter.SESSION_COOKIE) String session,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    Response.ResponseBuilder response =
        Response.seeOther(URI.create(Html.localPath(next, Whiteboard.LOGGED_OUT)));
    login
        .close(session, RequestFacts.isSecure(uri.getRequestUri(), forwardedProto))
        .forEach(c -> response.header(HttpHeaders.SET_COOKIE, c));
    return response.build();
  }
}
