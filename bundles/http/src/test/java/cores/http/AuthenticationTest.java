package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.http.auth.CsrfTokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who a request comes from, over real HTTP: Basic, tokens, throttling, sessions and CSRF. */
class AuthenticationTest extends ServerFixture {
  // ---- authentication

  @Test
  void anonymousRequestsGet401OnAuthTest() throws Exception {
    problem(get("/api/auth-test"), 401);
  }

  @Test
  void basicAuthentication() throws Exception {
    HttpResponse<String> response =
        get("/api/auth-test", "Authorization", basic("alice", "wonder land"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(Map.of("detail", "You are authenticated as alice"), json(response));
    // a colon in the password belongs to the password
    assertEquals(
        200, get("/api/auth-test", "Authorization", basic("root", "r00t:pw")).statusCode());
  }

  @Test
  void wrongBasicCredentialsAre401WithChallenge() throws Exception {
    HttpResponse<String> response = get("/api/auth-test", "Authorization", basic("alice", "wrong"));
    problem(response, 401);
    assertTrue(
        response
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .startsWith("Basic realm=\"cores\""));
    problem(get("/api/auth-test", "Authorization", "Basic !!!notbase64"), 401);
  }

  @Test
  void throttledLoginIs429WithRetryAfterTheRealWait() throws Exception {
    HttpResponse<String> response =
        get("/api/auth-test", "Authorization", basic(TestAccounts.THROTTLED_USER, "x"));
    problem(response, 429);
    // 7.2 s left: 8 whole seconds
    assertEquals("8", response.headers().firstValue("Retry-After").orElse(""));
    HttpResponse<String> session =
        send(
            "POST",
            "/api/auth/login",
            "{\"username\":\"" + TestAccounts.THROTTLED_USER + "\",\"password\":\"x\"}");
    problem(session, 429);
    assertEquals("8", session.headers().firstValue("Retry-After").orElse(""));
  }

  @Test
  void throttleKnowsTheClientAddressFromTheTrustedProxy() throws Exception {
    // the test client connects from the loopback address: a trusted proxy by default
    assertEquals(
        200,
        get(
                "/api/auth-test",
                "Authorization",
                basic("alice", "wonder land"),
                "X-Real-IP",
                "203.0.113.5")
            .statusCode());
    assertEquals("203.0.113.5", accounts.lastClient);
    send(
        "POST",
        "/api/auth/login",
        "{\"username\":\"alice\",\"password\":\"wonder land\"}",
        "X-Real-IP",
        "2001:db8::5");
    assertEquals("2001:db8:0:0:0:0:0:5", accounts.lastClient);
    // without the header, the connection's own address
    get("/api/auth-test", "Authorization", basic("alice", "wonder land"));
    assertEquals("127.0.0.1", accounts.lastClient);
  }

  @Test
  void unavailableProviderIs503() throws Exception {
    Map<String, Object> body =
        problem(
            get("/api/auth-test", "Authorization", basic(TestAccounts.LDAP_DOWN_USER, "x")), 503);
    assertEquals("authentication service unavailable", body.get("detail"));
  }

  @Test
  void otherSchemesLeaveTheRequestAnonymous() throws Exception {
    Map<String, Object> body = problem(get("/api/auth-test", "Authorization", "Bearer abc"), 401);
    assertEquals("Authentication credentials were not provided.", body.get("detail"));
    assertEquals(200, get("/api/health", "Authorization", "Negotiate abc").statusCode());
  }

  @Test
  void tokenAuthentication() throws Exception {
    HttpResponse<String> response =
        get("/api/auth-test", "Authorization", "Token " + TestAccounts.ALICE_TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    problem(get("/api/auth-test", "Authorization", "Token nope"), 401);
  }

  @Test
  void withoutAccountServicesCredentialsAre503AndOthersAnonymous() throws Exception {
    serverAccounts.unbindTokens(accounts);
    serverAccounts.unbindAuthenticator(accounts);
    try {
      Map<String, Object> body =
          problem(get("/api/auth-test", "Authorization", "Token " + TestAccounts.ALICE_TOKEN), 503);
      assertEquals("authentication service unavailable", body.get("detail"));
      problem(get("/api/auth-test", "Authorization", basic("alice", "wonder land")), 503);
      assertEquals(200, status("/api/health"));
    } finally {
      serverAccounts.bindTokens(accounts);
      serverAccounts.bindAuthenticator(accounts);
    }
  }

  @Test
  void anOperationDocumentedForUsersAnswersAnAnonymousCaller401BeforeReadingTheRequest()
      throws Exception {
    problem(send("POST", "/api/things/mine", "{\"name\": "), 401);
    problem(send("POST", "/api/things/mine?bogus=1", "{}"), 401);
    // a user is told what is wrong with the request
    problem(
        send(
            "POST",
            "/api/things/mine",
            "{\"name\": ",
            "Authorization",
            basic("alice", "wonder land")),
        400);
    HttpResponse<String> read =
        send(
            "POST",
            "/api/things/mine",
            "{\"name\":\"a\",\"count\":1}",
            "Authorization",
            basic("alice", "wonder land"));
    assertEquals(200, read.statusCode(), read.body());
    // an operation documented for anyone reads the body of an anonymous caller
    problem(send("POST", "/api/things", "{\"name\": "), 400);
  }

  @Test
  void aUserWithoutTheDocumentedPermissionIsRefused403BeforeTheBodyIsRead() throws Exception {
    String alice = basic("alice", "wonder land");
    String root = basic("root", "r00t:pw");
    // alice holds inventory.change_host, not inventory.change_nic, and is no superuser
    problem(send("PATCH", "/api/things/kinds/nic", "{\"name\": ", "Authorization", alice), 403);
    problem(send("PATCH", "/api/things/kinds/nic", "[1]", "Authorization", alice), 403);
    problem(send("POST", "/api/things/root", "{\"name\": ", "Authorization", alice), 403);
    // who may, is told what is wrong with the body; an alias needs its model's permission
    problem(send("PATCH", "/api/things/kinds/host", "{\"name\": ", "Authorization", alice), 400);
    problem(
        send("PATCH", "/api/things/kinds/hostbyid", "{\"name\": ", "Authorization", alice), 400);
    problem(send("PATCH", "/api/things/kinds/nic", "{\"name\": ", "Authorization", root), 400);
    problem(send("POST", "/api/things/root", "{\"name\": ", "Authorization", root), 400);
    HttpResponse<String> done =
        send("PATCH", "/api/things/kinds/host", "{\"name\":\"a\"}", "Authorization", alice);
    assertEquals(200, done.statusCode(), done.body());
    // a permission that depends on the object is the resource's to check, after the body
    problem(send("POST", "/api/things/owned", "{\"name\": ", "Authorization", alice), 400);
  }

  @Test
  void aUserWithoutTheDocumentedPermissionIsRefused403BeforeTheQueryIsChecked() throws Exception {
    String alice = basic("alice", "wonder land");
    // alice holds inventory.change_host only
    problem(send("GET", "/api/things/kinds/nic?bogus=1", null, "Authorization", alice), 403);
    problem(send("GET", "/api/things/kinds/nic?mine=%00", null, "Authorization", alice), 403);
    // who may, is told what is wrong with the query
    String root = basic("root", "r00t:pw");
    problem(send("GET", "/api/things/kinds/nic?bogus=1", null, "Authorization", root), 400);
    problem(send("GET", "/api/things/kinds/nic?mine=%00", null, "Authorization", root), 400);
    // a list the query opens to anyone stays the resource's to decide
    HttpResponse<String> mine =
        send("GET", "/api/things/kinds/nic?mine=1", null, "Authorization", alice);
    assertEquals(200, mine.statusCode(), mine.body());
    problem(send("GET", "/api/things/kinds/nic", null, "Authorization", alice), 403);
  }

  @Test
  void aRefusalBeforeTheBodyIsReadClosesTheConnectionAndOneAfterKeepsIt() throws Exception {
    // the client has sent only part of its body when the 401 is written
    String refused =
        raw(
            "POST /api/things/mine HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n",
            "{\"name\":".getBytes(StandardCharsets.US_ASCII));
    assertTrue(refused.startsWith("HTTP/1.1 401"), refused);
    assertTrue(refused.contains("Connection: close"), refused);
    HttpResponse<String> read = send("POST", "/api/things", "{\"name\":\"a\",\"count\":1}");
    assertEquals(200, read.statusCode(), read.body());
    assertTrue(read.headers().firstValue("Connection").isEmpty(), read.headers().toString());
  }

  @Test
  void permissionsAreRoles() throws Exception {
    problem(send("POST", "/api/things/guarded", null), 401);
    assertEquals(
        200,
        send("POST", "/api/things/guarded", null, "Authorization", basic("alice", "wonder land"))
            .statusCode());
    // root is a superuser: every permission
    assertEquals(
        200,
        send("POST", "/api/things/guarded", null, "Authorization", basic("root", "r00t:pw"))
            .statusCode());
  }

  // ---- sessions and CSRF

  record Login(String session, String csrf) {}

  static Login login(String forwardedProto) throws Exception {
    HttpResponse<String> response =
        forwardedProto == null
            ? send(
                "POST", "/api/auth/login", "{\"username\":\"alice\",\"password\":\"wonder land\"}")
            : send(
                "POST",
                "/api/auth/login",
                "{\"username\":\"alice\",\"password\":\"wonder land\"}",
                "X-Forwarded-Proto",
                forwardedProto);
    assertEquals(200, response.statusCode(), response.body());
    List<String> cookies = response.headers().allValues("Set-Cookie");
    String session = cookie(cookies, "cores_session");
    String csrf = cookie(cookies, "csrftoken");
    assertEquals(csrf, json(response).get("csrfToken"));
    assertEquals("alice", json(response).get("username"));
    assertEquals(new CsrfTokens(SECRET).tokenFor(session), csrf);
    return new Login(session, csrf);
  }

  static String cookie(List<String> setCookies, String name) {
    for (String cookie : setCookies) {
      if (cookie.startsWith(name + "=")) {
        return cookie.substring(name.length() + 1, cookie.indexOf(';'));
      }
    }
    throw new AssertionError("no cookie " + name + " in " + setCookies);
  }

  @Test
  void loginSetsCookies() throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/auth/login", "{\"username\":\"alice\",\"password\":\"wonder land\"}");
    List<String> cookies = response.headers().allValues("Set-Cookie");
    String session =
        cookies.stream().filter(c -> c.startsWith("cores_session=")).findFirst().orElseThrow();
    assertTrue(session.contains("HttpOnly"), session);
    assertTrue(session.contains("SameSite=Lax"), session);
    assertTrue(session.contains("Path=/"), session);
    assertFalse(session.contains("Secure"), session);
    String csrf =
        cookies.stream().filter(c -> c.startsWith("csrftoken=")).findFirst().orElseThrow();
    assertFalse(csrf.contains("HttpOnly"), csrf);
  }

  @Test
  void cookiesAreSecureBehindAnHttpsProxy() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/auth/login",
            "{\"username\":\"alice\",\"password\":\"wonder land\"}",
            "X-Forwarded-Proto",
            "https");
    for (String cookie : response.headers().allValues("Set-Cookie")) {
      assertTrue(cookie.contains("; Secure"), cookie);
    }
  }

  @Test
  void loginProblems() throws Exception {
    problem(send("POST", "/api/auth/login", "{\"username\":\"alice\",\"password\":\"nope\"}"), 401);
    Map<String, Object> body =
        problem(send("POST", "/api/auth/login", "{\"username\":\"alice\"}"), 400);
    assertEquals(Map.of("password", List.of("This field is required.")), body.get("errors"));
  }

  @Test
  void sessionAuthenticatesSafeRequestsWithoutToken() throws Exception {
    Login login = login(null);
    HttpResponse<String> response =
        get("/api/auth-test", "Cookie", "cores_session=" + login.session());
    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void unsafeSessionRequestsNeedTheCsrfToken() throws Exception {
    Login login = login(null);
    String cookie = "cores_session=" + login.session() + "; csrftoken=" + login.csrf();
    Map<String, Object> body =
        problem(send("POST", "/api/things/guarded", null, "Cookie", cookie), 403);
    assertEquals("CSRF token missing or incorrect.", body.get("detail"));
    problem(
        send("POST", "/api/things/guarded", null, "Cookie", cookie, "X-CSRFToken", "forged"), 403);
    HttpResponse<String> accepted =
        send("POST", "/api/things/guarded", null, "Cookie", cookie, "X-CSRFToken", login.csrf());
    assertEquals(200, accepted.statusCode(), accepted.body());
  }

  /**
   * A form post's token is its one {@code csrfmiddlewaretoken} field: a second one is refused even
   * when the first is right, as a post that reads no body (a page's button) would never see it; a
   * name spelt with escapes is the same field, as the resource decodes it.
   */
  @Test
  void aFormPostWithTheTokenFieldTwiceIsRefusedEvenWhenTheFirstIsRight() throws Exception {
    Login login = login(null);
    String cookie = "cores_session=" + login.session();
    String token = "csrfmiddlewaretoken=" + login.csrf();
    String form = "application/x-www-form-urlencoded";
    HttpResponse<String> accepted =
        send("POST", "/api/things/guarded", token, "Cookie", cookie, "Content-Type", form);
    assertEquals(200, accepted.statusCode(), accepted.body());
    for (String twice :
        List.of(
            token + "&csrfmiddlewaretoken=forged",
            token + "&" + token,
            token + "&csrfmiddlewaretok%65n=forged",
            token + "&csrfmiddlewaretoken")) {
      Map<String, Object> body =
          problem(
              send("POST", "/api/things/guarded", twice, "Cookie", cookie, "Content-Type", form),
              403);
      assertEquals("CSRF token missing or incorrect.", body.get("detail"), twice);
    }
  }

  @Test
  void crossOriginASessionsUnsafeRequestFromAnotherSiteIsRefusedEvenWithItsToken()
      throws Exception {
    Login login = login(null);
    String cookie = "cores_session=" + login.session();
    String port = base.substring(base.lastIndexOf(':') + 1);
    for (String[] other :
        List.of(
            new String[] {"Origin", "https://evil.example"},
            new String[] {"Origin", "null"},
            new String[] {"Origin", "https://127.0.0.1:" + port},
            new String[] {"Origin", "http://127.0.0.1:1"},
            new String[] {"Origin", base, "X-Forwarded-Proto", "https"},
            new String[] {"Sec-Fetch-Site", "cross-site"})) {
      List<String> headers =
          new ArrayList<>(List.of("Cookie", cookie, "X-CSRFToken", login.csrf()));
      headers.addAll(List.of(other));
      Map<String, Object> body =
          problem(send("POST", "/api/things/guarded", null, headers.toArray(String[]::new)), 403);
      assertTrue(
          body.get("detail").toString().startsWith("Cross-site request refused"),
          List.of(other) + ": " + body);
    }
    for (String[] own :
        List.of(
            new String[] {"Origin", base},
            new String[] {"Origin", base.toUpperCase(Locale.ROOT)},
            new String[] {"Origin", "https://127.0.0.1:" + port, "X-Forwarded-Proto", "https"},
            new String[] {"Origin", base, "Sec-Fetch-Site", "same-origin"},
            new String[] {"Sec-Fetch-Site", "same-origin"},
            new String[] {"Sec-Fetch-Site", "none"},
            // an old client or curl sends neither: the token decides
            new String[] {})) {
      List<String> headers =
          new ArrayList<>(List.of("Cookie", cookie, "X-CSRFToken", login.csrf()));
      headers.addAll(List.of(own));
      HttpResponse<String> accepted =
          send("POST", "/api/things/guarded", null, headers.toArray(String[]::new));
      assertEquals(200, accepted.statusCode(), List.of(own) + ": " + accepted.body());
    }
    // a safe request, and one authenticated otherwise than by the cookie, are not concerned
    assertEquals(
        200,
        get("/api/auth-test", "Cookie", cookie, "Origin", "https://evil.example").statusCode());
    assertEquals(
        200,
        send(
                "POST",
                "/api/things/guarded",
                null,
                "Authorization",
                "Token " + TestAccounts.ALICE_TOKEN,
                "Origin",
                "https://evil.example",
                "Sec-Fetch-Site",
                "cross-site")
            .statusCode());
  }

  @Test
  void anotherSessionsTokenIsRefused() throws Exception {
    Login first = login(null);
    Login second = login(null);
    problem(
        send(
            "POST",
            "/api/things/guarded",
            null,
            "Cookie",
            "cores_session=" + first.session(),
            "X-CSRFToken",
            second.csrf()),
        403);
  }

  @Test
  void basicCredentialsTheBrowserCachedAreRefusedFromAnotherSite() throws Exception {
    String alice = basic("alice", "wonder land");
    for (String[] other :
        List.of(
            new String[] {"Origin", "https://evil.example"},
            new String[] {"Origin", "null"},
            new String[] {"Sec-Fetch-Site", "cross-site"})) {
      List<String> headers = new ArrayList<>(List.of("Authorization", alice));
      headers.addAll(List.of(other));
      Map<String, Object> body =
          problem(send("POST", "/api/things/guarded", null, headers.toArray(String[]::new)), 403);
      assertTrue(
          body.get("detail").toString().startsWith("Cross-site request refused"),
          List.of(other) + ": " + body);
    }
    // curl and python-requests send neither header; the site's own pages send its origin
    assertEquals(
        200, send("POST", "/api/things/guarded", null, "Authorization", alice).statusCode());
    assertEquals(
        200,
        send("POST", "/api/things/guarded", null, "Authorization", alice, "Origin", base)
            .statusCode());
    // a safe request from another site is not concerned
    assertEquals(
        200,
        get("/api/auth-test", "Authorization", alice, "Origin", "https://evil.example")
            .statusCode());
  }

  @Test
  void trustedOriginsTheServerCannotSeeAsItsOwnAreAccepted() throws Exception {
    Login login = login(null);
    String cookie = "cores_session=" + login.session();
    String alice = basic("alice", "wonder land");
    // behind an outer TLS proxy that does not say X-Forwarded-Proto, the browser's origin is the
    // configured site name over https, or one the operator named
    for (String origin :
        List.of("https://cores.example.org", "HTTPS://Cores.Example.Org:443", TRUSTED_ORIGIN)) {
      assertEquals(
          200,
          send("POST", "/api/things/guarded", null, "Authorization", alice, "Origin", origin)
              .statusCode(),
          origin);
      assertEquals(
          200,
          send(
                  "POST",
                  "/api/things/guarded",
                  null,
                  "Cookie",
                  cookie,
                  "X-CSRFToken",
                  login.csrf(),
                  "Origin",
                  origin)
              .statusCode(),
          origin);
    }
    for (String origin :
        List.of(
            "http://cores.example.org",
            "https://cores.example.org:8443",
            "https://evil.cores.example.org",
            "https://portal.example.net")) {
      problem(
          send("POST", "/api/things/guarded", null, "Authorization", alice, "Origin", origin), 403);
    }
  }

  @Test
  void tokenAndBasicRequestsAreExemptFromCsrf() throws Exception {
    assertEquals(
        200,
        send(
                "POST",
                "/api/things/guarded",
                null,
                "Authorization",
                "Token " + TestAccounts.ALICE_TOKEN)
            .statusCode());
  }

  @Test
  void logoutClosesTheSession() throws Exception {
    Login login = login(null);
    String cookie = "cores_session=" + login.session();
    problem(send("POST", "/api/auth/logout", null, "Cookie", cookie), 403);
    HttpResponse<String> response =
        send("POST", "/api/auth/logout", null, "Cookie", cookie, "X-CSRFToken", login.csrf());
    assertEquals(204, response.statusCode(), response.body());
    assertTrue(
        response.headers().allValues("Set-Cookie").stream().allMatch(c -> c.contains("Max-Age=0")));
    problem(get("/api/auth-test", "Cookie", cookie), 401);
  }
}
