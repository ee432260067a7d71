package cores.http.pages;

import cores.api.web.Whiteboard;
import cores.http.HttpConfig;
import cores.http.auth.AccountServices;
import cores.http.auth.AuthenticationFilter;
import cores.http.auth.CsrfTokens;
import cores.http.auth.RequestFacts;
import cores.http.auth.SessionLogin;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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
 */
@JakartarsResource
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(
    service = LogoutPage.class,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Path("logout")
public final class LogoutPage {
  private final AccountServices services;
  private final SessionLogin login;

  @Activate
  public LogoutPage(HttpConfig config, @Reference AccountServices services) {
    this(services, new CsrfTokens(config.secretKey()));
  }

  /** With tokens of a given key (tests); SCR sees one public constructor, the one it activates. */
  public static LogoutPage of(AccountServices services, CsrfTokens csrf) {
    return new LogoutPage(services, csrf);
  }

  private LogoutPage(AccountServices services, CsrfTokens csrf) {
    this.services = services;
    this.login = new SessionLogin(services, csrf);
  }

  /** The logout button, for pages of a logged-in user. */
  static String form(String csrfToken) {
    return "<form method=\"post\" action=\"/logout\">\n"
        + Html.hidden(Whiteboard.CSRF_FIELD, csrfToken)
        + Html.hidden("next", Whiteboard.LOGGED_OUT)
        + "<p><button type=\"submit\">Log out</button></p>\n</form>\n";
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
