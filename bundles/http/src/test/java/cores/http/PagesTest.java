package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.http.auth.AccountServices;
import cores.http.auth.AuthTestResource;
import cores.http.auth.CsrfTokens;
import cores.http.pages.LoginPage;
import cores.http.pages.LogoutPage;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The login and logout pages at / beside the API at /api, over real HTTP. */
class PagesTest {
  private static final String SECRET = "pages-secret";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern TOKEN =
      Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"");

  private static CoresServer server;
  private static String base;

  /** Held: the log manager keeps loggers weakly, and with them their handlers. */
  private static final Logger PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  /** What Jersey's provider checks log past the server's filter. */
  private static final List<String> PROVIDER_WARNINGS = new CopyOnWriteArrayList<>();

  private static final Handler PROVIDER_LOG =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          PROVIDER_WARNINGS.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void start() throws Exception {
    PROVIDERS.addHandler(PROVIDER_LOG);
    TestAccounts accounts = new TestAccounts();
    AccountServices services = new AccountServices();
    services.bindAuthenticator(accounts);
    services.bindSessions(accounts);
    services.bindTokens(accounts);
    server =
        new CoresServer(
            new HttpSettings(0, "127.0.0.1", false, SECRET, 4096),
            services,
            new HealthChecks(),
            Readiness.READY);
    server.addPage(LoginPage.of(services, new CsrfTokens(SECRET), new PageLayouts()));
    server.addPage(LogoutPage.of(services, new CsrfTokens(SECRET), new PageLayouts()));
    server.addPage(new QueryEcho());
    server.addPage(new RefusedFields());
    server.addResource(new AuthTestResource());
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    PROVIDERS.removeHandler(PROVIDER_LOG);
  }

  /**
   * Jersey's issue 3700: a resource registered as an instance is said to be an ignored provider.
   */
  @Test
  void pagesServedAsInstancesAreNotReportedAsIgnoredProviders() {
    assertEquals(
        List.of(),
        PROVIDER_WARNINGS.stream().filter(m -> m.contains("does not implement")).toList());
  }

  private static HttpResponse<String> send(
      String method, String path, String form, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(form));
    if (form != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static String cookie(HttpResponse<String> response, String name) {
    return AuthenticationTest.cookie(response.headers().allValues("Set-Cookie"), name);
  }

  private static String token(HttpResponse<String> page) {
    Matcher m = TOKEN.matcher(page.body());
    assertTrue(m.find(), page.body());
    return m.group(1);
  }

  /** GET /login, then POST it back; the answer to the POST. */
  private static HttpResponse<String> logIn(String user, String password, String next)
      throws Exception {
    HttpResponse<String> page = send("GET", "/login", null);
    assertEquals(200, page.statusCode());
    String visitor = cookie(page, "cores_visitor");
    return send(
        "POST",
        "/login",
        form(
            "username",
            user,
            "password",
            password,
            "csrfmiddlewaretoken",
            token(page),
            "next",
            next),
        "Cookie",
        "cores_visitor=" + visitor);
  }

  @Test
  void loginFormLogsInAndRedirectsToALocalPath() throws Exception {
    HttpResponse<String> page = send("GET", "/login?next=%2Fapi%2Fauth-test", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<form method=\"post\" action=\"/login\""), page.body());
    assertTrue(page.body().contains("value=\"/api/auth-test\""), page.body());
    List<String> cookies = page.headers().allValues("Set-Cookie");
    assertTrue(cookies.get(0).contains("HttpOnly") && cookies.get(0).contains("SameSite=Lax"));

    HttpResponse<String> done = logIn("alice", "wonder land", "/api/auth-test");
    assertEquals(303, done.statusCode(), done.body());
    assertEquals(
        "/api/auth-test", done.headers().firstValue("Location").orElseThrow().replace(base, ""));
    String sessionCookie =
        done.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("cores_session="))
            .findFirst()
            .orElseThrow();
    assertTrue(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax"));
    assertFalse(sessionCookie.contains("Secure"), "plain HTTP");
    String session = cookie(done, "cores_session");
    HttpResponse<String> me =
        send("GET", "/api/auth-test", null, "Cookie", "cores_session=" + session);
    assertEquals(200, me.statusCode());
    assertTrue(me.body().contains("authenticated as alice"), me.body());

    // logged in, the page offers the logout button, which leads to the page that says so, as the
    // header's does; posting it ends the session
    HttpResponse<String> loggedIn =
        send("GET", "/login", null, "Cookie", "cores_session=" + session);
    assertTrue(loggedIn.body().contains("action=\"/logout\""), loggedIn.body());
    assertTrue(loggedIn.body().contains("name=\"next\" value=\"/logged-out\""), loggedIn.body());
    HttpResponse<String> forged =
        send(
            "POST",
            "/logout",
            form("csrfmiddlewaretoken", "forged"),
            "Cookie",
            "cores_session=" + session);
    assertEquals(403, forged.statusCode(), "a logout without the session's token is refused");
    HttpResponse<String> out =
        send(
            "POST",
            "/logout",
            form("csrfmiddlewaretoken", token(loggedIn), "next", "https://evil.example/"),
            "Cookie",
            "cores_session=" + session);
    assertEquals(303, out.statusCode(), out.body());
    // an off-site next is not followed: where any logout leads by default
    assertEquals(
        "/logged-out", out.headers().firstValue("Location").orElseThrow().replace(base, ""));
    assertEquals(
        401,
        send("GET", "/api/auth-test", null, "Cookie", "cores_session=" + session).statusCode());
  }

  /**
   * The original logged out on {@code GET /account/logout} (its header's link). A GET here asks,
   * with the logout button, and ends nothing: a link or an image on another site cannot log a user
   * out. It was a 405.
   */
  @Test
  void aLinkToLogoutAsksWithTheButtonAndEndsNothing() throws Exception {
    HttpResponse<String> anonymous = send("GET", "/logout", null);
    assertEquals(303, anonymous.statusCode(), anonymous.body());
    assertEquals(
        "/logged-out", anonymous.headers().firstValue("Location").orElseThrow().replace(base, ""));

    String session = cookie(logIn("alice", "wonder land", "/"), "cores_session");
    HttpResponse<String> asked = send("GET", "/logout", null, "Cookie", "cores_session=" + session);
    assertEquals(200, asked.statusCode(), asked.body());
    assertTrue(asked.body().contains("<title>Log out"), asked.body());
    assertTrue(asked.body().contains("logged in as <strong>alice</strong>"), asked.body());
    assertTrue(asked.body().contains("<form method=\"post\" action=\"/logout\">"), asked.body());
    assertEquals(
        200,
        send("GET", "/api/auth-test", null, "Cookie", "cores_session=" + session).statusCode(),
        "still logged in");
    HttpResponse<String> out =
        send(
            "POST",
            "/logout",
            form("csrfmiddlewaretoken", token(asked)),
            "Cookie",
            "cores_session=" + session);
    assertEquals(303, out.statusCode(), out.body());
    assertEquals(
        401,
        send("GET", "/api/auth-test", null, "Cookie", "cores_session=" + session).statusCode());
  }

  @Test
  void secureCookiesBehindHttps() throws Exception {
    HttpResponse<String> page = send("GET", "/login", null, "X-Forwarded-Proto", "https");
    assertTrue(page.headers().allValues("Set-Cookie").get(0).contains("Secure"));
  }

  @Test
  void offSiteNextIsIgnored() throws Exception {
    // and one no Location can hold (a space, a lone percent) is not a 500
    for (String next :
        List.of("https://evil.example/", "//evil.example", "/\\evil.example", "x", "/a b", "/%")) {
      HttpResponse<String> done = logIn("alice", "wonder land", next);
      assertEquals(303, done.statusCode());
      assertEquals(
          "/", done.headers().firstValue("Location").orElseThrow().replace(base, ""), next);
    }
  }

  @Test
  void failuresShowTheReasonEscaped() throws Exception {
    HttpResponse<String> wrong = logIn("<script>alert(1)</script>", "nope", "/");
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("Invalid username or password."), wrong.body());
    assertTrue(wrong.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), wrong.body());
    assertFalse(wrong.body().contains("<script>"), wrong.body());
    assertEquals(503, logIn(TestAccounts.LDAP_DOWN_USER, "x", "/").statusCode());
    HttpResponse<String> down = logIn(TestAccounts.LDAP_DOWN_USER, "x", "/");
    assertTrue(down.body().contains("authentication service unavailable"), down.body());
    assertEquals(429, logIn(TestAccounts.THROTTLED_USER, "x", "/").statusCode());
  }

  @Test
  void storableTextANulInALoginFieldShowsTheFormAgainAsTyped() throws Exception {
    HttpResponse<String> refused = logIn("ad\u0000min", "wonder land", "/bookings");
    assertEquals(400, refused.statusCode(), refused.body());
    assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(
        refused.body().contains("Username: Text must not contain NUL characters"), refused.body());
    assertTrue(refused.body().contains("<form method=\"post\" action=\"/login\""));
    assertTrue(refused.body().contains("value=\"ad\ufffdmin\""), refused.body());
    assertTrue(refused.body().contains("value=\"/bookings\""), "next kept: " + refused.body());
    HttpResponse<String> password = logIn("alice", "wonder\u0000land", "/");
    assertEquals(400, password.statusCode(), password.body());
    assertTrue(password.body().contains("Password: Text must not contain NUL"), password.body());
    assertTrue(password.body().contains("value=\"alice\""), password.body());
    // a next the form did not give falls back to the start page, as any other
    HttpResponse<String> next = logIn("alice", "wonder land", "/\u0000");
    assertEquals(303, next.statusCode(), next.body());
    assertTrue(next.headers().firstValue("Location").orElseThrow().endsWith("/"));
  }

  @Test
  void crossOriginALoginFormSentFromAnotherSiteIsRefusedWithAPageSayingWhy() throws Exception {
    HttpResponse<String> page = send("GET", "/login", null);
    String body =
        form(
            "username",
            "alice",
            "password",
            "wonder land",
            "csrfmiddlewaretoken",
            token(page),
            "next",
            "/");
    String cookie = "cores_visitor=" + cookie(page, "cores_visitor");
    HttpResponse<String> refused =
        send("POST", "/login", body, "Cookie", cookie, "Origin", "https://evil.example");
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(
        refused
            .body()
            .contains("Cross-site request refused: it was sent from https://evil.example"),
        refused.body());
    assertTrue(
        refused.headers().allValues("Set-Cookie").stream()
            .noneMatch(c -> c.startsWith("cores_session=")),
        "no session opened");
    HttpResponse<String> same =
        send(
            "POST",
            "/login",
            body,
            "Cookie",
            cookie,
            "Origin",
            base,
            "Sec-Fetch-Site",
            "same-origin");
    assertEquals(303, same.statusCode(), same.body());
  }

  @Test
  void crossSitePostsWithoutTheCookieAreRefused() throws Exception {
    HttpResponse<String> page = send("GET", "/login", null);
    HttpResponse<String> noCookie =
        send(
            "POST",
            "/login",
            form(
                "username",
                "alice",
                "password",
                "wonder land",
                "csrfmiddlewaretoken",
                token(page)));
    assertEquals(403, noCookie.statusCode());
    assertFalse(
        noCookie.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith("cores_session=")));
  }

  @Test
  void anAuthorizationSchemeNobodyProvidesIsCheckedAsAnAnonymousVisitor() throws Exception {
    String login = form("username", "alice", "password", "wonder land", "next", "/");
    for (String authorization : List.of("Bearer xyz", "Foo")) {
      HttpResponse<String> noToken = send("POST", "/login", login, "Authorization", authorization);
      assertEquals(403, noToken.statusCode(), authorization + ": " + noToken.body());
      assertTrue(
          noToken.headers().allValues("Set-Cookie").stream()
              .noneMatch(c -> c.startsWith("cores_session=")),
          authorization + ": no session opened");
      HttpResponse<String> page = send("GET", "/login", null, "Authorization", authorization);
      String body = login + "&" + form("csrfmiddlewaretoken", token(page));
      String cookie = "cores_visitor=" + cookie(page, "cores_visitor");
      HttpResponse<String> crossSite =
          send(
              "POST",
              "/login",
              body,
              "Cookie",
              cookie,
              "Authorization",
              authorization,
              "Origin",
              "https://evil.example");
      assertEquals(403, crossSite.statusCode(), authorization + ": " + crossSite.body());
      assertTrue(crossSite.body().contains("Cross-site request refused"), crossSite.body());
      HttpResponse<String> own =
          send("POST", "/login", body, "Cookie", cookie, "Authorization", authorization);
      assertEquals(303, own.statusCode(), authorization + ": " + own.body());
    }
  }

  /** A page that shows what it was asked and what was set aside. */
  @jakarta.ws.rs.Path("query-echo")
  public static final class QueryEcho {
    @jakarta.ws.rs.GET
    @jakarta.ws.rs.Produces("text/plain")
    public String echo(
        @jakarta.ws.rs.core.Context jakarta.ws.rs.container.ContainerRequestContext r) {
      return "asked "
          + new java.util.TreeMap<>(r.getUriInfo().getQueryParameters())
          + " raw "
          + r.getUriInfo().getRequestUri().getRawQuery()
          + " refused "
          + cores.api.web.RefusedQuery.of(r);
    }
  }

  @Test
  void aQueryParameterWithANulIsSetAsideForThePageToShowItsProblem() throws Exception {
    HttpResponse<String> page = send("GET", "/query-echo?q=a%00b&lab=B1%2FA&sort=", null);
    assertEquals(200, page.statusCode(), page.body());
    assertEquals(
        "asked {lab=[B1/A], sort=[]} raw lab=B1%2FA&sort= refused {q=["
            + cores.api.web.StorableText.NUL_MESSAGE
            + "]}",
        page.body());
    HttpResponse<String> name = send("GET", "/query-echo?x%00=1", null);
    assertEquals(
        "asked {} raw null refused {x\uFFFD=[" + cores.api.web.StorableText.NUL_MESSAGE + "]}",
        name.body());
    HttpResponse<String> plain = send("GET", "/query-echo?q=x", null);
    assertEquals("asked {q=[x]} raw q=x refused {}", plain.body());
  }

  /** A page refusing its query as the bookables search does, naming two fields. */
  @jakarta.ws.rs.Path("refused-fields")
  public static final class RefusedFields {
    @jakarta.ws.rs.GET
    public String refuse() {
      throw cores.api.web.ProblemException.invalid(
          java.util.Map.of(
              "lab", List.of("must be ids (whole numbers), not abc"),
              "when", List.of("not a date", "in the past.")));
    }
  }

  @Test
  void aPageRefusingFieldsNamesEachInASentenceNotAsAList() throws Exception {
    HttpResponse<String> page = send("GET", "/refused-fields", null, "Accept", "text/html");
    assertEquals(400, page.statusCode());
    assertTrue(page.body().contains("lab: must be ids (whole numbers), not abc."), page.body());
    assertTrue(page.body().contains("when: not a date; in the past."), page.body());
    assertFalse(page.body().contains(": ["), page.body());
  }

  @Test
  void apiStaysAtApi() throws Exception {
    assertEquals(401, send("GET", "/api/auth-test", null).statusCode());
    assertEquals(404, send("GET", "/nothing-here", null).statusCode());
  }

  @Test
  void pageErrorsArePagesAndApiErrorsProblemDetails() throws Exception {
    HttpResponse<String> page = send("GET", "/nothing-here", null, "Accept", "text/html");
    assertEquals(404, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("404 Not Found"), page.body());
    HttpResponse<String> api = send("GET", "/api/nothing-here", null, "Accept", "text/html");
    assertEquals(404, api.statusCode());
    assertTrue(
        api.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
  }

  @Test
  void aVisitorCookieComesOnlyWithAForm() throws Exception {
    assertTrue(
        send("GET", "/nothing-here", null).headers().allValues("Set-Cookie").isEmpty(),
        "a page without a form sets no cookie");
    HttpResponse<String> page = send("GET", "/login", null);
    String visitor = cookie(page, "cores_visitor");
    HttpResponse<String> again = send("GET", "/login", null, "Cookie", "cores_visitor=" + visitor);
    assertTrue(again.headers().allValues("Set-Cookie").isEmpty(), "the cookie is kept");
    assertEquals(token(page), token(again), "same visitor, same token");
  }

  @Test
  void anotherVisitorsTokenIsRefused() throws Exception {
    HttpResponse<String> mine = send("GET", "/login", null);
    HttpResponse<String> theirs = send("GET", "/login", null);
    HttpResponse<String> crossed =
        send(
            "POST",
            "/login",
            form(
                "username",
                "alice",
                "password",
                "wonder land",
                "csrfmiddlewaretoken",
                token(theirs)),
            "Cookie",
            "cores_visitor=" + cookie(mine, "cores_visitor"));
    assertEquals(403, crossed.statusCode());
    assertTrue(crossed.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
  }
}
