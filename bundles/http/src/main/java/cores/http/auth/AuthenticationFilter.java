package cores.http.auth;

import cores.api.accounts.Accounts;
import cores.api.accounts.Sessions;
import cores.api.accounts.Tokens;
import cores.api.accounts.User;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Authenticator;
import cores.api.auth.HttpAuthenticationScheme;
import cores.api.auth.LoginFailedException;
import cores.api.web.Whiteboard;
import cores.http.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out who sends a request: {@code Authorization: Token <key>}, {@code Authorization: Basic},
 * or the {@code cores_session} cookie, and sets the {@link CoresSecurityContext}. Cookie sessions
 * must prove with {@code X-CSRFToken} that unsafe requests come from our own pages, and such a
 * request that the browser says another site sent is refused first ({@link CrossOrigin}). So is one
 * with Basic or a provided scheme's credentials (SPNEGO), which a browser caches and sends with a
 * form that another site posts; API clients send no {@code Origin} and no {@code Sec-Fetch-Site}
 * and are not concerned, nor are tokens, which browsers never send on their own. Requests without
 * credentials stay anonymous; what they may do is up to the resources. Other schemes go to the
 * {@link HttpAuthenticationScheme} of that name if another bundle provides one (else the request is
 * anonymous, a page's checked as an anonymous visitor's); on the way out, such schemes are offered
 * in the challenge of a 401 to an anonymous request, and a scheme's mutual-authentication answer is
 * added to the response.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

  /** Request property (a servlet request attribute) naming the user, for the access log. */
  public static final String USER_PROPERTY = "cores.http.user";

  public static final String SESSION_COOKIE = "cores_session";

  /**
   * The anonymous page visitor's random value (HttpOnly): the forms of visitors without a session
   * carry its signature as their CSRF token (the login and password-reset forms).
   */
  public static final String VISITOR_COOKIE = "cores_visitor";

  public static final String CSRF_COOKIE = "csrftoken";
  public static final String CSRF_HEADER = "X-CSRFToken";

  /**
   * How long clients are asked to wait after too many failed logins, if the refusal does not say.
   */
  static final long THROTTLED_RETRY_AFTER_SECONDS = 60;

  /** Request property: the {@code WWW-Authenticate} value a scheme answered an accepted request. */
  private static final String SCHEME_RESPONSE_PROPERTY = "cores.http.schemeResponse";

  /** Request property: the new visitor cookie's value, set on the way out. */
  private static final String NEW_VISITOR_PROPERTY = "cores.http.newVisitor";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** What visitor values are signed under, apart from session keys. */
  private static final String VISITOR_PREFIX = "visitor:";

  private static final Pattern COOKIE_VALUE = Pattern.compile("[A-Za-z0-9_-]{16,100}");

  private final AccountServices services;
  private final CsrfTokens csrf;
  private final CrossOrigin crossOrigin;

  /** Whether this filter serves the pages (HTML forms of anonymous visitors need CSRF tokens). */
  private final boolean pages;

  private final SecureRandom random = new SecureRandom();

  public AuthenticationFilter(
      AccountServices services, CsrfTokens csrf, CrossOrigin crossOrigin, boolean pages) {
    this.services = services;
    this.csrf = csrf;
    this.crossOrigin = crossOrigin;
    this.pages = pages;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      String trimmed = authorization.trim();
      int space = trimmed.indexOf(' ');
      String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
      String credentials = space < 0 ? "" : trimmed.substring(space + 1).trim();
      switch (scheme) {
        case "token" -> token(request, credentials);
        case "basic" -> {
          if (!crossSite(request)) {
            basic(request, credentials);
          }
        }
        default -> {
          Optional<HttpAuthenticationScheme> provided = services.scheme(scheme);
          if (provided.isEmpty()) {
            // a scheme nobody provides (e.g. Bearer) belongs to another mechanism: the request is
            // anonymous, and checked as any anonymous one, so the header cannot skip the form's
            // CSRF token or the cross-site check
            anonymous(request);
          } else if (!crossSite(request)) {
            otherScheme(request, provided.get(), credentials);
          }
        }
      }
      return;
    }
    Cookie session = request.getCookies().get(SESSION_COOKIE);
    if (session != null && !session.getValue().isEmpty() && session(request, session.getValue())) {
      return;
    }
    anonymous(request);
  }

  /** A request without credentials Cores knows: a page visitor's is checked as such. */
  private void anonymous(ContainerRequestContext request) {
    if (pages) {
      visitor(request);
    }
  }

  /**
   * An anonymous page visitor: its forms are signed with the visitor cookie's value, and an unsafe
   * request must carry that signature, so another site cannot post a form as the visitor (login
   * CSRF). A visitor without the cookie gets one with the first page that shows a form (not with
   * every stylesheet).
   */
  private void visitor(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(VISITOR_COOKIE);
    String known = cookie == null ? "" : cookie.getValue();
    if (!COOKIE_VALUE.matcher(known).matches()) {
      known = "";
    }
    if (crossSite(request)) {
      return;
    }
    if (!SAFE_METHODS.contains(request.getMethod())
        && (known.isEmpty() || !csrf.matches(VISITOR_PREFIX + known, csrfToken(request)))) {
      request.abortWith(
          Problems.response(
                  403, "The form has expired or was not sent from this site. Please try again.")
              .build());
      return;
    }
    String value = known;
    request.setSecurityContext(
        CoresSecurityContext.anonymous(
            RequestFacts.isSecure(request),
            () -> {
              String visitor = value;
              if (visitor.isEmpty()) {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                visitor = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                request.setProperty(NEW_VISITOR_PROPERTY, visitor);
              }
              return csrf.tokenFor(VISITOR_PREFIX + visitor);
            }));
  }

  private void token(ContainerRequestContext request, String key) {
    Optional<Tokens> tokens = services.tokens();
    if (tokens.isEmpty()) {
      request.abortWith(unavailable());
      return;
    }
    Optional<User> user = key.isEmpty() ? Optional.empty() : tokens.get().authenticate(key);
    if (user.isEmpty()) {
      request.abortWith(
          Problems.response(401, "Invalid token.")
              .header(HttpHeaders.WWW_AUTHENTICATE, Challenges.TOKEN)
              .build());
      return;
    }
    authenticated(request, user.get(), CoresSecurityContext.TOKEN_AUTH);
  }

  private void basic(ContainerRequestContext request, String encoded) {
    char[] decoded = decodeBasic(encoded);
    int colon = indexOf(decoded, ':');
    if (colon < 0) {
      Arrays.fill(decoded, '\0');
      request.abortWith(invalidBasic("Invalid basic authentication header."));
      return;
    }
    String username = new String(decoded, 0, colon);
    char[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
    Arrays.fill(decoded, '\0');
    try {
      Optional<Authenticator> authenticator = services.authenticator();
      if (authenticator.isEmpty()) {
        request.abortWith(unavailable());
        return;
      }
      User user =
          authenticator.get().login(username, password, ClientAddresses.of(request).orElse(null));
      authenticated(request, user, SecurityContext.BASIC_AUTH);
    } catch (LoginFailedException e) {
      request.abortWith(loginFailed(e, true));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void otherScheme(
      ContainerRequestContext request, HttpAuthenticationScheme scheme, String credentials) {
    Optional<Accounts> accounts = services.accounts();
    if (accounts.isEmpty()) {
      request.abortWith(unavailable());
      return;
    }
    HttpAuthenticationScheme.Outcome outcome;
    try {
      outcome = scheme.authenticate(credentials);
    } catch (AuthenticationUnavailableException e) {
      LOG.warn("Authentication scheme {} is unavailable: {}", scheme.scheme(), e.getMessage());
      request.abortWith(unavailable());
      return;
    }
    Optional<String> challenge = outcome.response().map(r -> scheme.scheme() + " " + r);
    if (outcome.identity().isEmpty()) {
      request.abortWith(
          Problems.response(401, "Invalid " + scheme.scheme() + " credentials.")
              .header(HttpHeaders.WWW_AUTHENTICATE, challenge.orElse(scheme.scheme()))
              .build());
      return;
    }
    User user;
    try {
      user = accounts.get().provision(outcome.identity().get());
    } catch (RuntimeException e) {
      // a name no user can have (the scheme's configuration is wrong) or the user database is down:
      // as with password logins, the service is unavailable rather than the request failing
      LOG.error(
          "Cannot provision the user {} of scheme {}",
          outcome.identity().get().username(),
          scheme.scheme(),
          e);
      request.abortWith(unavailable());
      return;
    }
    if (!user.active()) {
      request.abortWith(Problems.response(401, "This account is inactive.").build());
      return;
    }
    challenge.ifPresent(value -> request.setProperty(SCHEME_RESPONSE_PROPERTY, value));
    authenticated(request, user, scheme.scheme().toUpperCase(Locale.ROOT));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(NEW_VISITOR_PROPERTY) instanceof String visitor) {
      response
          .getHeaders()
          .add(
              HttpHeaders.SET_COOKIE,
              SessionLogin.cookie(
                  VISITOR_COOKIE, visitor, true, RequestFacts.isSecure(request), false));
    }
    Object schemeResponse = request.getProperty(SCHEME_RESPONSE_PROPERTY);
    if (schemeResponse != null) {
      response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, schemeResponse);
    } else if (response.getStatus() == 401
        && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
      // clients that can use a provided scheme (browsers with SPNEGO) retry with it
      services
          .schemeNames()
          .forEach(name -> response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, name));
    }
  }

  /** Whether the session settled the request (answered, or authenticated it). */
  private boolean session(ContainerRequestContext request, String key) {
    Optional<Sessions> sessions = services.sessions();
    if (sessions.isEmpty()) {
      request.abortWith(unavailable());
      return true;
    }
    Optional<Sessions.Session> session = sessions.get().session(key);
    if (session.isEmpty()) {
      // an expired or closed session is an anonymous visitor, as in the original
      return false;
    }
    if (crossSite(request)) {
      return true;
    }
    if (!SAFE_METHODS.contains(request.getMethod()) && !csrf.matches(key, csrfToken(request))) {
      request.abortWith(Problems.response(403, "CSRF token missing or incorrect.").build());
      return true;
    }
    User user = session.get().user();
    // a session known not to impersonate has no impersonator to look up (the banner asks per page)
    Supplier<Optional<User>> impersonator =
        session.get().impersonating()
            ? () -> services.impersonation().flatMap(i -> i.impersonator(key))
            : Optional::empty;
    request.setSecurityContext(
        new CoresSecurityContext(
            user,
            CoresSecurityContext.SESSION_AUTH,
            RequestFacts.isSecure(request),
            () -> csrf.tokenFor(key),
            impersonator));
    request.setProperty(USER_PROPERTY, user.username());
    return true;
  }

  /**
   * Refuses (403) an unsafe request that another site sent with what the browser keeps: its cookie,
   * or the Basic or SPNEGO credentials it caches.
   */
  private boolean crossSite(ContainerRequestContext request) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return false;
    }
    String refusal = crossOrigin.refusal(request);
    if (refusal == null) {
      return false;
    }
    // the operator's hint: an origin of the site that Cores cannot see as its own is to be named
    LOG.info(
        "{} {} refused: {} (if that origin is this site's, name it in CORES_TRUSTED_ORIGINS)",
        request.getMethod(),
        request.getUriInfo().getPath(),
        refusal);
    request.abortWith(Problems.response(403, refusal).build());
    return true;
  }

  /**
   * The CSRF token of an unsafe request: the header, or for an HTML form post (which cannot set
   * headers) the form field {@value Whiteboard#CSRF_FIELD}. The form body is read once ({@link
   * FormBody}) and put back for the resource. A form with the field twice has none (refused as a
   * wrong one): a page whose post reads no body (a "Run now" button) would not see the second, and
   * which was meant is not guessed. For the same reason a form post that sends both the header and
   * the field has a token only when they agree. Names are decoded as the resource decodes them, so
   * an encoded name is the field too.
   */
  private static String csrfToken(ContainerRequestContext request) {
    String header = request.getHeaderString(CSRF_HEADER);
    if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
      return header;
    }
    byte[] body;
    try {
      body = FormBody.bytes(request);
    } catch (IOException e) {
      return null;
    }
    return token(header, formTokens(new String(body, StandardCharsets.US_ASCII)));
  }

  /**
   * The token of a form post from its header (null when not sent) and the values of its {@value
   * Whiteboard#CSRF_FIELD} fields: the one value sent, or null when none, several, or two that
   * disagree.
   */
  static String token(String header, List<String> fields) {
    if (fields.isEmpty()) {
      return header;
    }
    if (fields.size() > 1 || fields.get(0) == null) {
      return null;
    }
    return header == null || header.equals(fields.get(0)) ? fields.get(0) : null;
  }

  /** The values of every {@value Whiteboard#CSRF_FIELD} of a form body (null where malformed). */
  static List<String> formTokens(String body) {
    List<String> tokens = new ArrayList<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (Whiteboard.CSRF_FIELD.equals(decoded(eq < 0 ? pair : pair.substring(0, eq)))) {
        tokens.add(eq < 0 ? "" : decoded(pair.substring(eq + 1)));
      }
    }
    return tokens;
  }

  /** A form body's name or value decoded; null when its escapes are malformed. */
  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void authenticated(ContainerRequestContext request, User user, String scheme) {
    request.setSecurityContext(
        new CoresSecurityContext(user, scheme, RequestFacts.isSecure(request)));
    request.setProperty(USER_PROPERTY, user.username());
  }

  /** The answer to a refused login, with the challenge when it was HTTP Basic. */
  public static Response loginFailed(LoginFailedException e, boolean basic) {
    return switch (e.reason()) {
      // an outage of Cores' own database says so, with when to retry; a provider's does not
      case UNAVAILABLE ->
          e.retryAfter().isEmpty()
              ? unavailable()
              : Problems.response(503, e.getMessage())
                  .header(HttpHeaders.RETRY_AFTER, retryAfter(e))
                  .build();
      case THROTTLED ->
          Problems.response(429, e.getMessage())
              .header(HttpHeaders.RETRY_AFTER, retryAfter(e))
              .build();
      case INVALID_CREDENTIALS, INACTIVE ->
          Problems.response(401, e.getMessage())
              .header(HttpHeaders.WWW_AUTHENTICATE, basic ? Challenges.BASIC : Challenges.SESSION)
              .build();
    };
  }

  /** The whole seconds until the throttle lifts, at least one. */
  public static String retryAfter(LoginFailedException e) {
    long seconds =
        e.retryAfter()
            .map(wait -> (wait.toMillis() + 999) / 1000)
            .orElse(THROTTLED_RETRY_AFTER_SECONDS);
    return Long.toString(Math.max(1, seconds));
  }

  public static Response unavailable() {
    return Problems.response(503, "authentication service unavailable").build();
  }

  private static Response invalidBasic(String detail) {
    return Problems.response(401, detail)
        .header(HttpHeaders.WWW_AUTHENTICATE, Challenges.BASIC)
        .build();
  }

  /** Decodes base64 then UTF-8 into a char array, so that the password can be wiped. */
  private static char[] decodeBasic(String encoded) {
    try {
      byte[] bytes = Base64.getDecoder().decode(encoded);
      try {
        CharBuffer chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes));
        char[] result = new char[chars.remaining()];
        chars.get(result);
        Arrays.fill(chars.array(), '\0');
        return result;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return new char[0];
    }
  }

  private static int indexOf(char[] chars, char wanted) {
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
