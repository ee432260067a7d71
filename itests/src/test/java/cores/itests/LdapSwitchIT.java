package cores.itests;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LDAP_AUTH=True, then LDAP_AUTH_DIRECT=True, against a real LDAP server (UnboundID's in-memory
 * directory in this JVM, over TCP): the built distribution shows exactly the expected providers in
 * {@code /api/system}, logs an LDAP user in with HTTP Basic (creating the local user from
 * givenName/sn/mail and the mapped groups), keeps the local superuser working, and answers
 * "unavailable" (503), not "wrong password", once the directory is down.
 */
class LdapSwitchIT {
  private static final String ADMIN_PASSWORD = "admin-" + System.nanoTime();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static TestDatabase db;

  @BeforeAll
  static void createAdmin() throws Exception {
    db = TestDatabase.create();
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

      // the directory goes down: LDAP users get "unavailable", local accounts still log in
      ldap.stop();
      HttpResponse<String> down = get(cores, "/api/auth-test", basic(JANE, JANE_PASSWORD));
      assertEquals(503, down.statusCode(), down.body());
      assertLogsIn(cores, "admin", ADMIN_PASSWORD);

      assertEquals(0, cores.stop());
      String log = cores.output();
      assertTrue(log.contains("LDAP: search (CN=Jane Doe)"), "LDAP_LOGGING shows the steps");
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

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(CoresProcess cores, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(cores.uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
