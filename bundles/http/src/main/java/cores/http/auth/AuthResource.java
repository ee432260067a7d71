package cores.http.auth;

import cores.api.accounts.Sessions;
import cores.api.accounts.User;
import cores.api.auth.Authenticator;
import cores.api.auth.LoginFailedException;
import cores.api.web.ProblemException;
import cores.api.web.Whiteboard;
import cores.http.HttpConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Browser login and logout: {@code POST /api/auth/login} opens a session and sets its cookie plus a
 * readable {@code csrftoken} cookie for the page's scripts; {@code POST /api/auth/logout} closes
 * it.
 */
@Component(
    service = AuthResource.class,
    configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = Whiteboard.RESOURCE + "=true")
@Path("auth")
public final class AuthResource {
  /** Characters a cookie value may hold unquoted (RFC 6265), which session keys must keep to. */
  private static final Pattern COOKIE_SAFE = Pattern.compile("[A-Za-z0-9._~+/=-]+");

  private final AccountServices services;
  private final CsrfTokens csrf;

  @Activate
  public AuthResource(HttpConfig config) {
    this(new AccountServices(), new CsrfTokens(config.secretKey()));
  }

  public AuthResource(AccountServices services, CsrfTokens csrf) {
    this.services = services;
    this.csrf = csrf;
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindAuthenticator(Authenticator service) {
    services.bindAuthenticator(service);
  }

  void unbindAuthenticator(Authenticator service) {
    services.unbindAuthenticator(service);
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindSessions(Sessions service) {
    services.bindSessions(service);
  }

  void unbindSessions(Sessions service) {
    services.unbindSessions(service);
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(
      LoginRequest request,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    validate(request);
    Optional<Authenticator> authenticator = services.authenticator();
    Optional<Sessions> sessions = services.sessions();
    if (authenticator.isEmpty() || sessions.isEmpty()) {
      return AuthenticationFilter.unavailable();
    }
    char[] password = request.password().toCharArray();
    User user;
    try {
      user = authenticator.get().login(request.username(), password);
    } catch (LoginFailedException e) {
      return AuthenticationFilter.loginFailed(e, false);
    } finally {
      Arrays.fill(password, '\0');
    }
    String key = sessions.get().open(user.id());
    if (!COOKIE_SAFE.matcher(key).matches()) {
      throw new IllegalStateException("session key is not a valid cookie value");
    }
    String token = csrf.tokenFor(key);
    boolean secure = RequestFacts.isSecure(uri.getRequestUri(), forwardedProto);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", user.username());
    body.put("csrfToken", token);
    return Response.ok(body)
        .header(
            HttpHeaders.SET_COOKIE,
            cookie(AuthenticationFilter.SESSION_COOKIE, key, true, secure, false))
        .header(
            HttpHeaders.SET_COOKIE,
            cookie(AuthenticationFilter.CSRF_COOKIE, token, false, secure, false))
        .build();
  }

  /** Ends the session of the cookie (the CSRF check has passed in the filter). */
  @POST
  @Path("logout")
  public Response logout(
      @CookieParam(AuthenticationFilter.SESSION_COOKIE) String key,
      @Context UriInfo uri,
      @HeaderParam(RequestFacts.FORWARDED_PROTO) String forwardedProto) {
    if (key != null && !key.isEmpty()) {
      services.sessions().ifPresent(sessions -> sessions.close(key));
    }
    boolean secure = RequestFacts.isSecure(uri.getRequestUri(), forwardedProto);
    return Response.noContent()
        .header(
            HttpHeaders.SET_COOKIE,
            cookie(AuthenticationFilter.SESSION_COOKIE, "", true, secure, true))
        .header(
            HttpHeaders.SET_COOKIE,
            cookie(AuthenticationFilter.CSRF_COOKIE, "", false, secure, true))
        .build();
  }

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
