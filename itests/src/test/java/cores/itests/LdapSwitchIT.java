package cores.itests;

import static cores.itests.ApiClient.basic;
import static cores.itests.ApiClient.id;
import static cores.ldap.testserver.LdapTestServer.ADMINS;
import static cores.ldap.testserver.LdapTestServer.JANE;
import static cores.ldap.testserver.LdapTestServer.JANE_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.JOHN;
import static cores.ldap.testserver.LdapTestServer.JOHN_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.LAB_USERS;
import static cores.ldap.testserver.LdapTestServer.SERVICE_DN;
import static cores.ldap.testserver.LdapTestServer.SERVICE_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.STAFF;
import static cores.ldap.testserver.LdapTestServer.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.ldap.testserver.LdapTestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LDAP_AUTH=True, then LDAP_AUTH_DIRECT=True, against a real LDAP server (UnboundID's in-memory
 * directory in this JVM, over TCP): the built distribution shows exactly the expected providers in
 * {@code /api/system}, logs an LDAP user in with HTTP Basic (creating the local user from
 * givenName/sn/mail and the mapped groups), keeps the local superuser working, and answers
 * "unavailable" (503), not "wrong password", once the directory is down. Also through the real
 * platform: the HTML login page, impersonation by staff (start, stop, the superuser rule) and the
 * throttling of repeated wrong passwords for an LDAP user.
 */
class LdapSwitchIT {
  private static final String ADMIN_PASSWORD = "admin-" + System.nanoTime();

  private static TestDatabase db;

  @BeforeAll
  static void createAdmin() throws Exception {
    db = TestDatabase.migrated();
    try (CoresProcess command =
        CoresProcess.builder("ldap-createsuperuser")
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", ADMIN_PASSWORD)
            .args("createsuperuser", "--username", "admin", "--email", "admin@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void searchThenBind() throws Exception {
    try (LdapTestServer ldap = LdapTestServer.start();
        CoresProcess cores =
            CoresProcess.builder("ldap-search")
                .env(db.environment())
                .env("LDAP_AUTH", "True")
                .env("LDAP_URI", ldap.ldapUri())
                .env("LDAP_BIND_DN", SERVICE_DN)
                .env("LDAP_BIND_PASS", SERVICE_PASSWORD)
                .env("LDAP_SEARCH_PATH", "OU=All Sites,DC=contoso,DC=com")
                .env("LDAP_GROUP_MAP", ADMINS + "=Lab admins;" + LAB_USERS + "=Lab users")
                .env("LDAP_STAFF_GROUP", STAFF)
                .env("LDAP_TIMEOUT_SECONDS", "3")
                .env("LDAP_LOGGING", "True")
                .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertProviders(cores, "[\"local\",\"ldap\"]");
      // the feature's settings as the provider received them; the bind password is masked
      // because the provider's configuration types it as a password
      String system = get(cores, "/api/system", basic("admin", ADMIN_PASSWORD)).body();
      assertTrue(system.contains("\"LDAP_BIND_PASS\":\"****\""), system);
      assertTrue(system.contains("\"LDAP_URI\":\"" + ldap.ldapUri() + "\""), system);
      assertTrue(system.contains("\"LDAP_TIMEOUT_SECONDS\":\"3\""), system);
      assertFalse(system.contains(SERVICE_PASSWORD), system);

      assertLogsIn(cores, JANE, JANE_PASSWORD);
      assertLogsIn(cores, JOHN, JOHN_PASSWORD);
      assertEquals(401, get(cores, "/api/auth-test", basic(JANE, "wrong")).statusCode());
      assertEquals(401, get(cores, "/api/auth-test", basic("*", JANE_PASSWORD)).statusCode());
      assertEquals(401, get(cores, "/api/auth-test", basic("nobody", "x")).statusCode());
      assertLogsIn(cores, "admin", ADMIN_PASSWORD);

      // the local user was created from the directory entry
      HttpResponse<String> users =
          get(
              cores,
              "/api/auth/users?username=" + URLEncoder.encode(JANE, StandardCharsets.UTF_8),
              basic("admin", ADMIN_PASSWORD));
      assertEquals(200, users.statusCode(), users.body());
      String jane = users.body();
      assertTrue(jane.contains("\"first_name\":\"Jane\""), jane);
      assertTrue(jane.contains("\"last_name\":\"Doe\""), jane);
      assertTrue(jane.contains("\"email\":\"jane.doe@contoso.com\""), jane);
      assertTrue(jane.contains("\"is_staff\":true"), jane);
      HttpResponse<String> groups = get(cores, "/api/auth/groups", basic("admin", ADMIN_PASSWORD));
      assertTrue(groups.body().contains("Lab admins"), groups.body());

      browserLoginAndImpersonation(cores);
      throttlingCoversLdapLogins(cores);

      // the directory goes down: LDAP users get "unavailable", local accounts still log in
      ldap.stop();
      HttpResponse<String> down = get(cores, "/api/auth-test", basic(JANE, JANE_PASSWORD));
      assertEquals(503, down.statusCode(), down.body());
      assertLogsIn(cores, "admin", ADMIN_PASSWORD);

      assertEquals(0, cores.stop());
      String log = cores.output();
      assertTrue(log.contains("LDAP: search (CN=Jane Doe)"), "LDAP_LOGGING shows the steps");
      assertTrue(log.contains("Impersonation start: admin as Jane Doe"), "impersonation is logged");
      assertTrue(log.contains("Impersonation stop: admin as Jane Doe"), "impersonation is logged");
      for (String secret : new String[] {JANE_PASSWORD, JOHN_PASSWORD, SERVICE_PASSWORD}) {
        assertFalse(log.contains(secret), "no password in the log");
        assertFalse(cores.errors().contains(secret), "no password on stderr");
      }
    }
  }

  @Test
  void directBindOverLdaps() throws Exception {
    try (LdapTestServer ldap = LdapTestServer.start();
        CoresProcess cores =
            CoresProcess.builder("ldap-direct")
                .env(db.environment())
                .env("LDAP_AUTH_DIRECT", "True")
                .env("LDAP_URI", ldap.ldapsUri())
                .env("LDAP_CA_FILE", ldap.caFile().toString())
                .env("LDAP_SEARCH_PATH", USERS)
                .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertProviders(cores, "[\"local\",\"ldap-direct\"]");
      assertLogsIn(cores, JANE, JANE_PASSWORD);
      assertEquals(401, get(cores, "/api/auth-test", basic(JANE, "wrong")).statusCode());
      assertEquals(
          401,
          get(cores, "/api/auth-test", basic("Jane Doe,OU=Users", JANE_PASSWORD)).statusCode());
      assertLogsIn(cores, "admin", ADMIN_PASSWORD);
      assertEquals(0, cores.stop());
    }
  }

  /**
   * Jane logs in through the HTML login page; the local superuser (staff) impersonates her and
   * stops; Jane, staff through LDAP_STAFF_GROUP, may not impersonate the superuser.
   */
  private static void browserLoginAndImpersonation(CoresProcess cores) throws Exception {
    HttpResponse<String> page = get(cores, "/login", null);
    assertEquals(200, page.statusCode(), page.body());
    String nonce = cookie(page, "cores_visitor");
    Matcher token =
        Pattern.compile("name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"").matcher(page.body());
    assertTrue(token.find(), page.body());
    String form =
        "username="
            + URLEncoder.encode(JANE, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(JANE_PASSWORD, StandardCharsets.UTF_8)
            + "&csrfmiddlewaretoken="
            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
            + "&next=%2Fapi%2Fauth-test";
    HttpResponse<String> loggedIn =
        send(
            cores,
            "POST",
            "/login",
            form,
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Cookie",
            "cores_visitor=" + nonce);
    assertEquals(303, loggedIn.statusCode(), loggedIn.body());
    String janeSession = cookie(loggedIn, "cores_session");
    String janeCsrf = cookie(loggedIn, "csrftoken");
    HttpResponse<String> jane =
        get(cores, "/api/auth-test", null, "Cookie", "cores_session=" + janeSession);
    assertTrue(jane.body().contains("authenticated as " + JANE), jane.body());

    HttpResponse<String> users =
        get(cores, "/api/auth/users?username=admin", basic("admin", ADMIN_PASSWORD));
    long adminId = id(users);
    users =
        get(
            cores,
            "/api/auth/users?username=" + URLEncoder.encode(JANE, StandardCharsets.UTF_8),
            basic("admin", ADMIN_PASSWORD));
    long janeId = id(users);
    HttpResponse<String> refused =
        send(
            cores,
            "POST",
            "/api/auth/impersonate",
            "{\"user_id\":" + adminId + "}",
            "Content-Type",
            "application/json",
            "Cookie",
            "cores_session=" + janeSession,
            "X-CSRFToken",
            janeCsrf);
    assertEquals(
        403, refused.statusCode(), "staff may not impersonate a superuser: " + refused.body());

    HttpResponse<String> admin =
        send(
            cores,
            "POST",
            "/api/auth/login",
            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
            "Content-Type",
            "application/json");
    assertEquals(200, admin.statusCode(), admin.body());
    String session = "cores_session=" + cookie(admin, "cores_session");
    String csrf = cookie(admin, "csrftoken");
    HttpResponse<String> started =
        send(
            cores,
            "POST",
            "/api/auth/impersonate",
            "{\"user_id\":" + janeId + "}",
            "Content-Type",
            "application/json",
            "Cookie",
            session,
            "X-CSRFToken",
            csrf);
    assertEquals(200, started.statusCode(), started.body());
    HttpResponse<String> acting = get(cores, "/api/auth-test", null, "Cookie", session);
    assertTrue(acting.body().contains("authenticated as " + JANE), acting.body());
    assertTrue(acting.body().contains("\"impersonator\":\"admin\""), acting.body());
    HttpResponse<String> stopped =
        send(
            cores, "DELETE", "/api/auth/impersonate", null, "Cookie", session, "X-CSRFToken", csrf);
    assertEquals(200, stopped.statusCode(), stopped.body());
    HttpResponse<String> back = get(cores, "/api/auth-test", null, "Cookie", session);
    assertTrue(back.body().contains("authenticated as admin"), back.body());
    assertFalse(back.body().contains("impersonator"), back.body());
  }

  /** The accounts bundle's throttling (in the database) slows down guesses at LDAP users too. */
  private static void throttlingCoversLdapLogins(CoresProcess cores) throws Exception {
    int status = 0;
    for (int i = 0; i < 10 && status != 429; i++) {
      status = get(cores, "/api/auth-test", basic(JOHN, "wrong-" + i)).statusCode();
    }
    assertEquals(429, status, "repeated wrong passwords for an LDAP user are throttled");
    assertEquals(
        429,
        get(cores, "/api/auth-test", basic(JOHN, JOHN_PASSWORD)).statusCode(),
        "even the right password waits");
  }

  private static String cookie(HttpResponse<String> response, String name) {
    for (String c : response.headers().allValues("Set-Cookie")) {
      if (c.startsWith(name + "=")) {
        return c.substring(name.length() + 1, c.indexOf(';'));
      }
    }
    throw new AssertionError(
        "no cookie " + name + " in " + response.headers().allValues("Set-Cookie"));
  }

  private static void assertProviders(CoresProcess cores, String expected) throws Exception {
    HttpResponse<String> system = get(cores, "/api/system", basic("admin", ADMIN_PASSWORD));
    assertEquals(200, system.statusCode(), system.body());
    assertTrue(system.body().contains("\"authProviders\":" + expected), system.body());
  }

  private static void assertLogsIn(CoresProcess cores, String user, String password)
      throws Exception {
    HttpResponse<String> r = get(cores, "/api/auth-test", basic(user, password));
    assertEquals(200, r.statusCode(), user + ": " + r.body());
    assertTrue(r.body().contains("authenticated as " + user), r.body());
  }

  private static HttpResponse<String> get(
      CoresProcess cores, String path, String authorization, String... headers) throws Exception {
    String[] all = headers;
    if (authorization != null) {
      all = Arrays.copyOf(headers, headers.length + 2);
      all[headers.length] = "Authorization";
      all[headers.length + 1] = authorization;
    }
    return send(cores, "GET", path, null, all);
  }

  private static HttpResponse<String> send(
      CoresProcess cores, String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(cores.uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return cores.send(request.build());
  }
}
