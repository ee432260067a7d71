package cores.http.auth;

import cores.api.auth.LoginFailedException;
import cores.api.web.ApiDoc;
import cores.api.web.ApiSchemas;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import cores.http.HttpConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * Browser login and logout: {@code POST /api/auth/login} opens a session and sets its cookie plus a
 * readable {@code csrftoken} cookie for the page's scripts; {@code POST /api/auth/logout} closes
 * it.
 */
@JakartarsResource
@Component(
    service = AuthResource.class,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Path("auth")
@ApiDoc(permission = ApiDoc.ANONYMOUS)
public final class AuthResource implements ApiSchemas {
  private final AccountServices services;
  private final SessionLogin login;

  @Activate
  public AuthResource(HttpConfig config, @Reference AccountServices services) {
    this(services, new CsrfTokens(config.secretKey()));
  }

  /** With tokens of a given key (tests); SCR sees one public constructor, the one it activates. */
  public static AuthResource of(AccountServices services, CsrfTokens csrf) {
    return new AuthResource(services, csrf);
  }

  private AuthResource(AccountServices services, CsrfTokens csrf) {
    this.services = services;
    this.login = new SessionLogin(services, csrf);
  }

  /** What a login answers (the cookies are headers). */
  private static final JsonShape OPENED =
      JsonShape.of()
          .with("username", JsonShape.STRING)
          .with(
              "csrfToken",
              JsonShape.described(
                  JsonShape.STRING, "send it back as X-CSRFToken with unsafe session requests"));

  @Override
  public Map<String, Map<String, Object>> schemas() {
    return Map.of("login", OPENED.schema("the session opened"), "login_input", LOGIN);
  }

  @POST
  @Path("login")
  @ApiDoc(
      value = "Opens a browser session: sets the session and csrftoken cookies",
      request = "login_input",
      response = "login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(
      LoginRequest request,
      @Context UriInfo uri,
      @Context ContainerRequestContext context,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    validate(request);
    Optional<SessionLogin.Opened> opened;
    try {
      opened =
          login.open(
              request.username(),
              request.password().toCharArray(),
              RequestFacts.isSecure(uri.getRequestUri(), forwardedProto),
              ClientAddresses.of(context).orElse(null));
    } catch (LoginFailedException e) {
      return AuthenticationFilter.loginFailed(e, false);
    }
    if (opened.isEmpty()) {
      return AuthenticationFilter.unavailable();
    }
    Response.ResponseBuilder response =
        Response.ok(OPENED.values(opened.get().user().username(), opened.get().csrfToken()));
    opened.get().cookies().forEach(c -> response.header(HttpHeaders.SET_COOKIE, c));
    return response.build();
  }

  /** Ends the session of the cookie (the CSRF check has passed in the filter). */
  @POST
  @Path("logout")
  @ApiDoc("Closes the session of the cookie (needs the CSRF token)")
  public Response logout(
      @CookieParam(AuthenticationFilter.SESSION_COOKIE) String key,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    Response.ResponseBuilder response = Response.noContent();
    login
        .close(key, RequestFacts.isSecure(uri.getRequestUri(), forwardedProto))
        .forEach(c -> response.header(HttpHeaders.SET_COOKIE, c));
    return response.build();
  }

  /** What {@link #validate} lets through (Jackson refuses other keys). */
  private static final Map<String, Object> LOGIN =
      JsonShape.of()
          .with("username", Map.of("type", "string", "pattern", "\\S"))
          .with("password", Map.of("type", "string", "minLength", 1))
          .schema("a username and its password");

  private static void validate(LoginRequest request) {
    if (request == null) {
      throw ProblemException.badRequest("A JSON body with username and password is required.");
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    if (request.username() == null || request.username().isBlank()) {
      errors.put("username", List.of("This field is required."));
    }
    if (request.password() == null || request.password().isEmpty()) {
      errors.put("password", List.of("This field is required."));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }
}
