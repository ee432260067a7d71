package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad environment values stop the start with exit code 2 and exactly one line on stderr naming the
 * variable: no stack trace, no secret. These fail before any database is needed. Hostile requests
 * to the running distribution ({@link HostileRequests}) get a 4xx with problem details, never a
 * 500, and write nothing.
 */
class BadInputIT {

  private static final String SECRET = "s3cr3t-" + System.nanoTime();
  // waited for in full only when a start is not refused (or the machine is very busy)
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(180);

  static Stream<Arguments> badEnvironments() {
    return Stream.of(
        bad("DEBUG: \"maybe\" is not a boolean", "DEBUG", "maybe"),
        bad("CORES_HTTP_PORT: \"70000\" is not a port number", "CORES_HTTP_PORT", "70000"),
        // a feature's settings are read when its switch is on (a switched-off provider is not
        // active at all): mail on, a bad port
        bad(
            "SMTP_PORT: \"twenty-five\" is not a port number",
            "SMTP_SERVER",
            "mail.example",
            "SMTP_PORT",
            "twenty-five"),
        bad("LDAP_URI: required when LDAP_AUTH is True", "LDAP_AUTH", "True"),
        bad(
            "LDAP_BIND_PASS: required when LDAP_AUTH is True",
            "LDAP_AUTH",
            "yes",
            "LDAP_URI",
            "ldap://ldap.example",
            "LDAP_BIND_DN",
            "cn=reader",
            "LDAP_SEARCH_PATH",
            "dc=example"),
        bad("KERBEROS_REALM: required when KERBEROS_AUTH is True", "KERBEROS_AUTH", "1"),
        bad(
            "KRB5_CONFIG: \"/nonexistent/krb5.conf\" cannot be read",
            "KERBEROS_AUTH",
            "True",
            "KERBEROS_REALM",
            "EXAMPLE.ORG",
            "KRB5_CONFIG",
            "/nonexistent/krb5.conf"),
        // a reason that names another setting names it by its variable, in the log line too
        bad(
            "LDAP_STARTTLS: cannot be combined with an ldaps:// LDAP_URI",
            "LDAP_AUTH",
            "True",
            "LDAP_URI",
            "ldaps://ldap.example",
            "LDAP_STARTTLS",
            "True",
            "LDAP_BIND_DN",
            "cn=reader",
            "LDAP_BIND_PASS",
            SECRET,
            "LDAP_SEARCH_PATH",
            "dc=example"),
        // the mail host's variable doubles as the switch: a true word names no host
        bad("SMTP_SERVER: \"True\" is a boolean, not a value", "SMTP_SERVER", "True"),
        bad(
            "CORES_TIME_ZONE: \"+02:00\" is a fixed offset, not an IANA time zone name",
            "CORES_TIME_ZONE",
            "+02:00"),
        // the provider features are installed: a bad value of their own variables, with a
        // secret beside it that must not be echoed (a missing feature: MainTest)
        bad(
            "LDAP_TIMEOUT_SECONDS: \"soon\" is not a whole number from 1 to 300",
            "LDAP_TIMEOUT_SECONDS",
            "soon",
            "LDAP_AUTH",
            "True",
            "LDAP_URI",
            "ldap://ldap.example",
            "LDAP_BIND_DN",
            "cn=reader",
            "LDAP_BIND_PASS",
            SECRET,
            "LDAP_SEARCH_PATH",
            "dc=example"),
        bad(
            "SMTP_STARTTLS: \"sometimes\" is not a boolean",
            "SMTP_STARTTLS",
            "sometimes",
            "SMTP_SERVER",
            "mail.example",
            "SMTP_PASSWORD",
            SECRET,
            "SMTP_USER",
            "cores"),
        bad("SECRET_KEY: required when DEBUG is False", "SECRET_KEY", ""),
        bad(
            "CORES_TRUSTED_ORIGINS: \"cores.example.org\" is not an origin",
            "CORES_TRUSTED_ORIGINS",
            "https://ok.example,cores.example.org"),
        bad(
            "CORES_HTTP_ADDRESS: \"localhost\" is not an IP address",
            "CORES_HTTP_ADDRESS",
            "localhost"),
        // an address of another machine (TEST-NET-1): the server cannot listen there
        bad(
            "CORES_HTTP_ADDRESS: cannot listen on 192.0.2.1 (Cannot assign requested address)",
            "CORES_HTTP_ADDRESS",
            "192.0.2.1"),
        bad("POSTGRES_DB: \"no;such\" is not a database name", "POSTGRES_DB", "no;such"),
        bad(
            "CORES_DB_POOL_SIZE: \"0\" is not a whole number from 1 to 1000",
            "CORES_DB_POOL_SIZE",
            "0"));
  }

  private static Arguments bad(String expected, String... variables) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < variables.length; i += 2) {
      env.put(variables[i], variables[i + 1]);
    }
    return Arguments.of(expected, env);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEnvironments")
  void exitsWithCodeTwoAndOneLineNamingTheVariable(String expected, Map<String, String> env)
      throws Exception {
    // a provider's setting is checked by its bundle: the platform starts that far first, on a
    // migrated database (an embedded one would be made and migrated for every case)
    try (TestDatabase db = TestDatabase.migrated()) {
      Map<String, String> withSecret = new HashMap<>(db.environment());
      withSecret.putAll(env);
      withSecret.putIfAbsent("POSTGRES_PASSWORD", SECRET);
      CoresProcess cores = CoresProcess.builder("bad-env").env(withSecret).start();
      try (cores) {
        assertEquals(2, cores.awaitExit(EXIT_TIMEOUT), cores.errors());
        String stderr = cores.errors();
        assertTrue(stderr.startsWith("cores: " + expected), stderr);
        assertEquals(1, stderr.lines().count(), "one line:\n" + stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
        assertFalse((stderr + cores.output()).contains(SECRET), "no secret in the output");
        assertFalse(
            cores.output().lines().anyMatch(l -> l.contains("did not activate") && l.contains("{")),
            "the log names a setting by its variable, not as a placeholder:\n" + cores.output());
      }
    }
  }

  /**
   * A provider that fails to activate ends the start with exit code 2 once the launcher has checked
   * the components; until then the half-started server must never answer health 200 (a container
   * health check or nginx would take it as ready).
   */
  @Test
  void aStartThatFailsIsNeverHealthy() throws Exception {
    try (TestDatabase db = TestDatabase.migrated();
        CoresProcess cores =
            CoresProcess.builder("bad-env-health")
                .env(db.environment())
                .env("LDAP_AUTH", "True")
                .env("LDAP_URI", "ldap://ldap.example")
                .env("LDAP_SEARCH_PATH", "dc=example")
                .env("LDAP_BIND_DN", "cn=reader")
                .start()) {
      while (cores.isAlive()) {
        try {
          HttpResponse<String> health = cores.get("/api/health");
          assertNotEquals(200, health.statusCode(), health.body());
        } catch (IOException notListening) {
          // before the HTTP server listens, and after it stopped
        }
        Thread.sleep(20);
      }
      assertEquals(2, cores.awaitExit(EXIT_TIMEOUT), cores.errors());
      assertTrue(
          cores.errors().startsWith("cores: LDAP_BIND_PASS: required when LDAP_AUTH is True"),
          cores.errors());
    }
  }

  /** Hostile values on the JSON API of the booted distribution (issue 14, minor items). */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class HostileRequests {
    private ApiClient api;
    private String admin;

    @BeforeAll
    void boot() throws Exception {
      api = ApiClient.boot("bad-requests", builder -> builder);
      admin = api.token(api.user("admin", true));
    }

    @AfterAll
    void stop() throws Exception {
      if (api != null) {
        api.close();
      }
    }

    private void assertProblem(int status, HttpResponse<String> response, String contains) {
      assertEquals(status, response.statusCode(), response.body());
      assertEquals(
          "application/problem+json",
          response.headers().firstValue("Content-Type").orElse("").split(";")[0],
          response.body());
      assertTrue(response.body().contains(contains), response.body());
    }

    private long count(String table) throws Exception {
      return api.db().number("SELECT count(*) FROM " + table);
    }

    @Test
    void numbersOfMoreThanAThousandDigitsAre400EvenAnonymously() throws Exception {
      String huge = "1".repeat(1001);
      assertProblem(
          400,
          api.send(
              "POST", "/api/auth/login", null, "{\"username\":" + huge + ",\"password\":\"x\"}"),
          "limit");
      assertProblem(
          400,
          api.send("POST", "/api/inventory/building/", admin, "{\"code\":" + huge + "}"),
          "limit");
    }

    @Test
    void jsonNestedDeeperThanAThousandIs400() throws Exception {
      String deep = "[".repeat(1001) + "]".repeat(1001);
      assertProblem(
          // a typed body refuses the array at its first bracket, before the depth counts
          400, api.send("POST", "/api/auth/login", null, "{\"username\":" + deep + "}"), "");
      assertProblem(
          400,
          api.send("POST", "/api/inventory/building/", admin, "{\"code\":" + deep + "}"),
          "limit");
    }

    @Test
    void nulInATextFieldIs400AtTheFieldAndWritesNothing() throws Exception {
      long before = count("inventory_building");
      assertProblem(
          400,
          api.send(
              "POST",
              "/api/inventory/building/",
              admin,
              "{\"code\":\"B\\u0000\",\"comment\":\"x\"}"),
          "\"code\"");
      assertEquals(before, count("inventory_building"));
      assertProblem(
          400,
          api.send(
              "POST",
              "/api/auth/login",
              null,
              "{\"username\":\"ad\\u0000min\",\"password\":\"secret\"}"),
          "\"username\"");
    }

    /** PostgreSQL would store a lone UTF-16 surrogate as '?': refused like a NUL. */
    @Test
    void loneSurrogateInATextFieldIs400AtTheFieldAndWritesNothing() throws Exception {
      long before = count("inventory_building");
      assertProblem(
          400,
          api.send(
              "POST",
              "/api/inventory/building/",
              admin,
              "{\"code\":\"S\\ud800\",\"comment\":\"x\"}"),
          "\"code\"");
      assertProblem(
          400,
          api.send(
              "POST",
              "/api/inventory/building/",
              admin,
              "{\"code\":\"S\",\"comment\":\"\\udfff x\"}"),
          "\"comment\"");
      assertEquals(before, count("inventory_building"));
    }

    @Test
    void nulInALoginUsernameIsAWrongLoginNotAnOutage() throws Exception {
      HttpResponse<String> response =
          api.send("GET", "/api/inventory/building/", ApiClient.basic("ad\u0000min", "pw"), null);
      assertProblem(401, response, "");
    }

    @Test
    void nulInAQueryParameterIs400NamingIt() throws Exception {
      assertProblem(
          400, api.send("GET", "/api/inventory/host/?hostname=a%00b", admin, null), "hostname");
      assertProblem(
          400, api.send("GET", "/api/booking/bookable/?ordering=%00", null, null), "ordering");
    }

    @Test
    void yearsPostgresCannotStoreAre400() throws Exception {
      long before = count("inventory_nic");
      for (String year : new String[] {"+300000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"}) {
        assertProblem(
            400,
            api.send(
                "POST",
                "/api/inventory/nic/",
                admin,
                "{\"mac\":\"52:54:00:00:14:01\",\"lastseen\":\"" + year + "\"}"),
            "lastseen");
      }
      assertEquals(before, count("inventory_nic"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413LikeAPlainOne() throws Exception {
      String status = chunked("/api/auth/login", 11 * 1024 * 1024);
      assertTrue(status.startsWith("HTTP/1.1 413"), status);
      // and the server still answers
      assertEquals(200, api.send("GET", "/api/inventory/building/", admin, null).statusCode());
    }

    /** Sends a JSON body of about {@code size} bytes chunked; the answer's status line. */
    private String chunked(String path, int size) throws IOException {
      try (Socket socket = new Socket("127.0.0.1", api.cores().uri("/").getPort())) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + path
                    + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = ("a".repeat(65_536)).getBytes(StandardCharsets.US_ASCII);
        try {
          writeChunk(out, "{\"username\":\"".getBytes(StandardCharsets.US_ASCII));
          for (int sent = 0; sent < size; sent += chunk.length) {
            writeChunk(out, chunk);
          }
          writeChunk(out, "\"}".getBytes(StandardCharsets.US_ASCII));
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException closedEarly) {
          // the server answered before the end of the body and closed: read its answer
        }
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
          line.write(c);
        }
        return line.toString(StandardCharsets.US_ASCII).trim();
      }
    }

    private void writeChunk(OutputStream out, byte[] data) throws IOException {
      out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aHugeLimitIsLoweredToTheMaximumAndTheNextLinkSaysSo() throws Exception {
      try (Connection c = api.db().connect();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO inventory_building (code) SELECT 'L' || i FROM generate_series(1, 1001) i");
      }
      HttpResponse<String> page =
          api.send("GET", "/api/inventory/building/?limit=1000000", admin, null);
      assertEquals(200, page.statusCode(), page.body());
      String next = page.body().replaceAll("(?s).*\"next\":\"([^\"]*)\".*", "$1");
      assertTrue(next.matches(".*[?&]limit=1000(&.*)?$"), next);
      assertTrue(next.matches(".*[?&]offset=1000(&.*)?$"), next);
    }

    /**
     * Strict scalars: a value of another JSON type than its field's is a 400 at the field naming
     * the type, never converted; a field the operation does not take (an id too) is refused.
     */
    @Test
    void strictScalarsBookingAuthAndBulkBodiesRefuseWrongTypesAndFieldsTheyDoNotTake()
        throws Exception {
      String booking =
          "{\"bookable\":1,\"start\":\"2030-01-01T09:00\",\"end\":\"2030-01-02T09:00\"";
      Map<String, String[]> bad = new java.util.LinkedHashMap<>();
      bad.put(
          "{\"bookable\":\"5\",\"end\":\"2030-01-02T09:00\"}",
          new String[] {"/api/booking/booking/", "bookable", "whole number"});
      bad.put(
          "{\"bookable\":true,\"end\":\"2030-01-02T09:00\"}",
          new String[] {"/api/booking/booking/", "bookable", "whole number"});
      bad.put(
          booking + ",\"comment\":5}", new String[] {"/api/booking/booking/", "comment", "string"});
      bad.put(booking + ",\"id\":7}", new String[] {"/api/booking/booking/", "id", null});
      bad.put(
          "{\"username\":\"strict\",\"is_active\":\"true\"}",
          new String[] {"/api/auth/users/", "is_active", "boolean"});
      bad.put("{\"username\":5}", new String[] {"/api/auth/users/", "username", "string"});
      bad.put(
          "{\"username\":\"strict\",\"colour\":7}",
          new String[] {"/api/auth/users/", "colour", null});
      bad.put("{\"name\":true}", new String[] {"/api/auth/groups/", "name", "string"});
      bad.put(
          "{\"hosts\":[\"5\"]}",
          new String[] {"/api/booking/bookable/bulk", "hosts[0]", "whole number"});
      bad.put(
          "{\"hosts\":[5],\"status\":1}",
          new String[] {"/api/booking/bookable/bulk", "status", "string"});
      bad.put("{\"hosts\":[5],\"id\":7}", new String[] {"/api/booking/bookable/bulk", "id", null});
      long bookings = count("booking_booking");
      long users = count("auth_user");
      for (Map.Entry<String, String[]> c : bad.entrySet()) {
        String[] where = c.getValue();
        String message =
            where[2] == null
                ? "Unknown field."
                : where[2].equals("whole number")
                    ? "Expected a whole number."
                    : "Expected a value of type " + where[2] + ".";
        assertProblem(
            400,
            api.send("POST", where[0], admin, c.getKey()),
            "\"errors\":{\"" + where[1] + "\":[\"" + message + "\"]}");
      }
      assertProblem(
          400,
          api.send("POST", "/api/auth/login", null, "{\"username\":\"admin\",\"password\":5}"),
          "\"password\"");
      assertEquals(bookings, count("booking_booking"));
      assertEquals(users, count("auth_user"));
    }

    @Test
    void anUnsupportedFilterIs400NamingIt() throws Exception {
      assertProblem(400, api.send("GET", "/api/inventory/host/?lab=1", admin, null), "\"lab\"");
      assertProblem(
          400, api.send("GET", "/api/booking/bookable/?colour=red", null, null), "\"colour\"");
      assertEquals(200, api.send("GET", "/api/inventory/rack/?lab=1", admin, null).statusCode());
      // it named every model's filters (current (notice), customer (loan), host …)
      assertProblem(
          400,
          api.send("GET", "/api/inventory/building/?page=2", admin, null),
          "\"page\":[\"unknown parameter; this endpoint takes limit, offset\"]");
      assertEquals(
          200,
          api.send("GET", "/api/booking/bookable/?ordering=-hostname&limit=5", null, null)
              .statusCode());
    }

    /**
     * A request header that does not parse is a 400 naming it, never a server error: the index and
     * the description read the conditional and the content negotiation headers.
     */
    @Test
    void aMalformedRequestHeaderIs400NamingIt() throws Exception {
      // path, header, value: /api/ reads the conditional headers, the description all of them
      List<String[]> malformed =
          List.of(
              new String[] {"/api/", "If-None-Match", "\"unterminated"},
              new String[] {"/api/docs", "If-None-Match", "unquoted"},
              new String[] {"/api/", "If-Match", "\"unterminated"},
              new String[] {"/api/docs", "Accept-Language", ";;;"},
              new String[] {"/api/docs", "Accept-Encoding", "gzip;q=x"});
      for (String[] header : malformed) {
        HttpResponse<String> answer =
            api.cores()
                .send(
                    HttpRequest.newBuilder(api.cores().uri(header[0]))
                        .timeout(Duration.ofSeconds(60))
                        .header(header[1], header[2])
                        .build());
        assertProblem(400, answer, "Malformed header: Unable to parse \\\"" + header[1]);
      }
    }

    /**
     * A form post that carries the CSRF token both in the {@code X-CSRFToken} header and in the
     * form's field is refused (403) when the two disagree, writing nothing: which one the page
     * meant is not guessed, as a form with the field twice is refused. When they agree it is taken.
     */
    @Test
    void aFormPostWhoseCsrfHeaderAndFieldDisagreeIsRefused() throws Exception {
      HttpResponse<String> login = api.login(api.user("csrf-both", false));
      String session = cookie(login, "cores_session");
      String token = cookie(login, "csrftoken");
      String form = "first_name=%s&email=csrf-both%%40example.org&csrfmiddlewaretoken=%s";
      HttpResponse<String> forged = profilePost(session, token, form.formatted("Forged", "forged"));
      assertEquals(403, forged.statusCode(), forged.body());
      assertTrue(forged.body().contains("CSRF token missing or incorrect."), forged.body());
      String name = "SELECT first_name FROM auth_user WHERE username = 'csrf-both'";
      assertEquals("", api.db().text(name));
      HttpResponse<String> agreed = profilePost(session, token, form.formatted("Kept", token));
      assertEquals(303, agreed.statusCode(), agreed.body());
      assertEquals("Kept", api.db().text(name));
    }

    private String cookie(HttpResponse<String> response, String name) {
      return response.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith(name + "="))
          .map(c -> c.substring(name.length() + 1).split(";", 2)[0])
          .findFirst()
          .orElseThrow();
    }

    private HttpResponse<String> profilePost(String session, String header, String form)
        throws Exception {
      return api.cores()
          .send(
              HttpRequest.newBuilder(api.cores().uri("/profile"))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Cookie", "cores_session=" + session)
                  .header("X-CSRFToken", header)
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build());
    }

    /**
     * A query parameter sent twice is a 400 naming it: which value was meant is not guessed (the
     * first was taken, so a second page, owner or format asked for was silently dropped).
     */
    @Test
    void aQueryParameterSentTwiceIs400NamingIt() throws Exception {
      String twice = "Sent twice: which of its values was meant is not guessed.";
      for (String query :
          List.of(
              "/api/inventory/building/?offset=0&offset=1|offset",
              "/api/inventory/building/?limit=1&limit=2|limit",
              "/api/booking/booking/?owner=1&owner=2|owner",
              "/api/reports/assets?format=csv&format=json|format",
              "/api/changes?model=host&model=nic|model")) {
        String[] parts = query.split("\\|");
        assertProblem(
            400,
            api.send("GET", parts[0], admin, null),
            "\"errors\":{\"" + parts[1] + "\":[\"" + twice + "\"]}");
      }
      assertEquals(
          200, api.send("GET", "/api/booking/booking/?owner=1,2", admin, null).statusCode());
    }
  }
}
