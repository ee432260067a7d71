package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One log line per error, as the admin guide promises: a component that fails to activate and a
 * login while the database is unreachable are each one line that says what and why, with no stack
 * trace (DEBUG=True adds it); a stop says so once.
 */
class LogLinesIT {

  private static final String SECRET = "pg-secret-" + System.nanoTime();

  /** The LDAP login provider switched on without its bind password: its component refuses. */
  private static CoresProcess.Builder misconfiguredProvider(String name, TestDatabase db) {
    return CoresProcess.builder(name)
        .env(db.environment())
        .env("LDAP_AUTH", "True")
        .env("LDAP_URI", "ldap://ldap.example")
        .env("LDAP_SEARCH_PATH", "dc=example")
        .env("LDAP_BIND_DN", "cn=reader");
  }

  private static boolean stackFrame(String line) {
    return line.stripLeading().startsWith("at ") || line.startsWith("Caused by: ");
  }

  /**
   * The component's refusal of a setting is one line naming the component and the variable, not
   * also SCR's line naming the property (bindPassword).
   */
  @Test
  void aComponentThatFailsToActivateIsOneLineNamingItAndTheCause() throws Exception {
    try (TestDatabase db = TestDatabase.migrated();
        CoresProcess cores = misconfiguredProvider("log-component", db).start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(120)), cores.errors());
      List<String> log = cores.output().lines().toList();
      List<String> errors =
          log.stream()
              .filter(l -> l.contains("SearchBindProvider") || l.contains("bindPassword"))
              .filter(l -> l.contains(" ERROR "))
              .toList();
      assertEquals(1, errors.size(), "one line for the failure:\n" + cores.output());
      assertTrue(
          errors
              .get(0)
              .endsWith(
                  "component cores.auth.ldap.SearchBindProvider of cores.auth.ldap did not"
                      + " activate: LDAP_BIND_PASS: required when LDAP_AUTH is True"),
          "the variable and what is wrong: " + errors.get(0));
      assertFalse(
          log.stream().anyMatch(LogLinesIT::stackFrame), "no stack trace:\n" + cores.output());
      assertFalse(cores.output().contains("at org."), cores.output());
    }
  }

  /** A taken CORES_HTTP_PORT: one line in the log naming the variable, not the property (port). */
  @Test
  void aSettingAComponentRefusesIsOneLineNamingItsVariable() throws Exception {
    try (TestDatabase db = TestDatabase.migrated();
        ServerSocket taken = new ServerSocket(0);
        CoresProcess cores =
            CoresProcess.builder("log-refused-setting")
                .env(db.environment())
                .env("CORES_HTTP_PORT", Integer.toString(taken.getLocalPort()))
                .start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(120)), cores.errors());
      // SCR's line names the component and the root cause (BindException), not the variable
      List<String> lines =
          cores
              .output()
              .lines()
              .filter(l -> l.contains(" ERROR ") && l.contains("HttpServerComponent"))
              .toList();
      assertEquals(1, lines.size(), "one line for the setting:\n" + cores.output());
      assertTrue(
          lines.get(0).contains("CORES_HTTP_PORT: cannot listen on port " + taken.getLocalPort()),
          lines.get(0));
      assertFalse(
          cores.output().lines().anyMatch(LogLinesIT::stackFrame),
          "no stack trace:\n" + cores.output());
    }
  }

  @Test
  void withDebugTheLineIsFollowedByItsStackTrace() throws Exception {
    try (TestDatabase db = TestDatabase.migrated();
        CoresProcess cores =
            misconfiguredProvider("log-component-debug", db).env("DEBUG", "True").start()) {
      assertEquals(2, cores.awaitExit(Duration.ofSeconds(120)), cores.errors());
      String log = cores.output();
      int line = log.indexOf("[cores.auth.ldap.SearchBindProvider(");
      assertTrue(line >= 0, log);
      assertTrue(
          log.indexOf("\tat org.apache.felix.scr.", line) > line, "the trace follows:\n" + log);
    }
  }

  /**
   * The database goes away under a running Cores (a proxy between them is cut; the shared
   * PostgreSQL keeps running): a Basic login is answered 503 saying so, and logs one line naming
   * the database's host and port, without the password.
   */
  @Test
  void aBasicLoginWhileTheDatabaseIsUnreachableIsOneLine() throws Exception {
    try (TestDatabase db = TestDatabase.migrated()) {
      Map<String, String> server = db.environment();
      try (TcpProxy proxy =
              TcpProxy.to(
                  server.get("POSTGRES_HOST"), Integer.parseInt(server.get("POSTGRES_PORT")));
          CoresProcess cores =
              CoresProcess.builder("log-db-outage")
                  .env(server)
                  .env("POSTGRES_HOST", "127.0.0.1")
                  .env("POSTGRES_PORT", Integer.toString(proxy.port()))
                  .env("POSTGRES_PASSWORD", SECRET)
                  // no job runs meanwhile
                  .env("CORES_MORNING_JOB_AT", "23:59")
                  .env("CORES_MAINTENANCE_JOB_AT", "23:59")
                  .start()) {
        cores.awaitHealthy(Duration.ofSeconds(120));
        String basic = ApiClient.insertUser(db::connect, "outage", false);
        assertEquals(200, login(cores, basic).statusCode());

        int before = cores.output().length();
        proxy.cut();
        // idle past Hikari's 500 ms, every pooled connection is checked before use, and fails
        Thread.sleep(1_000);
        HttpResponse<String> refused = login(cores, basic);

        String during = cores.output().substring(before);
        List<String> lines =
            during.lines().filter(l -> l.contains("AuthenticatorService")).toList();
        assertEquals(1, lines.size(), "one line for the login:\n" + during);
        assertTrue(
            lines.get(0).contains("127.0.0.1:" + proxy.port() + " cannot be reached"),
            lines.get(0));
        assertFalse(during.lines().anyMatch(LogLinesIT::stackFrame), "no stack trace:\n" + during);
        assertFalse(during.contains("EclipseLink"), during);
        // one line for the outage, not one more per pooled connection found broken
        assertFalse(during.contains("Failed to validate connection"), during);
        assertFalse(cores.output().contains(SECRET), "no password");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(
            "application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertTrue(
            refused.body().contains("The database is not available right now"), refused.body());
        assertEquals("5", refused.headers().firstValue("Retry-After").orElse(""));

        assertEquals(0, cores.stop());
        String stop = cores.output().substring(before);
        assertTrue(
            stop.contains("Stopping: requests in progress finish, new ones are answered 503"),
            stop);
        assertFalse(stop.contains("waiting for nothing"), stop);
      }
    }
  }

  private static HttpResponse<String> login(CoresProcess cores, String basic) throws Exception {
    return cores.send(
        HttpRequest.newBuilder(cores.uri("/api/auth-test"))
            .header("Authorization", basic)
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build());
  }
}
