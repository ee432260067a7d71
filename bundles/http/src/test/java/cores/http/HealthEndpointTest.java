package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.health.Health;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /api/health}: the HTTP server's own handler in front of the REST applications. */
class HealthEndpointTest extends ServerFixture {

  @Test
  void healthIsUpWhenEveryIndicatorIs() throws Exception {
    HttpResponse<String> response = get("/api/health");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        "{\"status\":\"UP\",\"components\":{\"database\":{\"status\":\"UP\"},"
            + "\"platform\":{\"status\":\"UP\"}}}",
        response.body());
    assertEquals(
        String.valueOf(response.body().length()),
        response.headers().firstValue("Content-Length").orElse(""));
  }

  @Test
  void healthAnswersHeadWithoutBody() throws Exception {
    String answer =
        raw("HEAD /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", null);
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertTrue(answer.contains("Content-Type: application/json\r\n"), answer);
    assertTrue(answer.contains("Content-Length: 84\r\n"), answer);
    assertTrue(answer.endsWith("\r\n\r\n"), answer);
  }

  @Test
  void healthOptionsListTheMethods() throws Exception {
    HttpResponse<String> response = send("OPTIONS", "/api/health", null);
    assertEquals(200, response.statusCode());
    assertEquals("HEAD,GET,OPTIONS", response.headers().firstValue("Allow").orElse(""));
    assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse(""));
    assertEquals("HEAD, GET, OPTIONS", response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void healthIsProblem406WhenNoJsonIsAccepted() throws Exception {
    for (String accept :
        List.of("text/html", "text/plain, application/xml", "*/*, application/json;q=0")) {
      Map<String, Object> body = problem(get("/api/health", "Accept", accept), 406);
      assertEquals(
          "The resource cannot produce any of the accepted media types.", body.get("detail"));
    }
    for (String accept :
        List.of(
            "application/json",
            "application/*",
            "*/*",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "text/html, application/json;q=0.1")) {
      assertEquals(200, get("/api/health", "Accept", accept).statusCode(), accept);
    }
  }

  @Test
  void healthPathsAsJaxRsMatchedThem() throws Exception {
    for (String path : List.of("/api/health/", "/api/health?x=1", "/api/health;x=1")) {
      HttpResponse<String> response = get(path);
      assertEquals(200, response.statusCode(), path);
      assertEquals("UP", json(response).get("status"), path);
    }
    for (String path : List.of("/api/healthz", "/api/health/x", "/api/Health")) {
      problem(get(path), 404);
    }
  }

  @Test
  void livenessIsUpWhateverTheChecksSay() throws Exception {
    database.set(Health.down("connection refused"));
    waitingFor = Optional.of("bundle cores.domain (starting)");
    try {
      for (String path : List.of("/api/health/live", "/api/health/live/")) {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path);
        assertEquals("{\"status\":\"UP\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
      }
      assertEquals(405, send("POST", "/api/health/live", "{}").statusCode());
    } finally {
      database.set(Health.up());
      waitingFor = Optional.empty();
    }
  }

  /**
   * Until the platform is ready, health says what it waits for and every other request is 503 with
   * Retry-After (never a 404 for a resource still being published); then both serve.
   */
  @Test
  void untilReadyHealthIs503AndEveryOtherRequest503WithRetryAfter() throws Exception {
    waitingFor = Optional.of("bundle cores.domain (starting)");
    try {
      eventually(() -> status("/api/things") == 503);
      for (String path : List.of("/api/things", "/api/no/such/thing", "/api/")) {
        HttpResponse<String> response = get(path);
        Map<String, Object> body = problem(response, 503);
        assertEquals(ReadinessGate.DETAIL, body.get("detail"), path);
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""), path);
      }
      // a page's is the site's error page saying the same (PageEdgeTest)
      HttpResponse<String> page = get("/login");
      assertEquals(503, page.statusCode());
      assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").get());
      assertEquals("1", page.headers().firstValue("Retry-After").orElse(""));
      HttpResponse<String> health = get("/api/health");
      assertEquals(503, health.statusCode());
      assertEquals(
          Map.of("status", "DOWN", "detail", "waiting for bundle cores.domain (starting)"),
          ((Map<?, ?>) json(health).get("components")).get("platform"));
      assertEquals(200, get("/api/health/live").statusCode());
    } finally {
      waitingFor = Optional.empty();
    }
    eventually(() -> status("/api/things") == 200);
    assertEquals(200, get("/api/health").statusCode());
    problem(get("/api/no/such/thing"), 404);
  }

  @Test
  void healthIgnoresCredentials() throws Exception {
    // public and the same for everyone: a probe's stale credentials do not turn it into a 401
    assertEquals(200, get("/api/health", "Authorization", basic("alice", "wrong")).statusCode());
    assertEquals(200, get("/api/health", "Authorization", "Token nope").statusCode());
  }

  @Test
  void healthRequestsAreInTheAccessLog() throws Exception {
    get("/api/health?probe=up");
    database.set(Health.down("connection refused"));
    try {
      get("/api/health?probe=down");
    } finally {
      database.set(Health.up());
    }
    String up = accessLogLine("probe=up");
    String down = accessLogLine("probe=down");
    assertTrue(
        up.matches("127\\.0\\.0\\.1 - - \"GET /api/health\\?probe=up HTTP/1\\.1\" 200 84 \\d+ms"),
        up);
    assertTrue(
        down.matches(
            "127\\.0\\.0\\.1 - - \"GET /api/health\\?probe=down HTTP/1\\.1\" 503 \\d+ \\d+ms"),
        down);
  }

  @Test
  void theAccessLogNamesTheClientThatTheTrustedProxySaysNotTheProxy() throws Exception {
    // the test client connects from the loopback address: a trusted proxy by default
    get("/api/health?probe=proxied", "X-Real-IP", "203.0.113.7");
    String line = accessLogLine("probe=proxied");
    assertTrue(line.startsWith("203.0.113.7 - - \"GET /api/health?probe=proxied "), line);
  }

  /**
   * The access log line of this test's request: a line is written once its response is complete, so
   * an earlier test's line may still arrive after this test began.
   */
  private static String accessLogLine(String marker) throws InterruptedException {
    String line = ACCESS_LOG.poll(10, TimeUnit.SECONDS);
    while (line != null && !line.contains(marker)) {
      line = ACCESS_LOG.poll(10, TimeUnit.SECONDS);
    }
    assertNotNull(line, "the access log line of " + marker);
    return line;
  }

  @Test
  void healthIs503NamingWhatIsDown() throws Exception {
    database.set(Health.down("connection refused"));
    try {
      HttpResponse<String> response = get("/api/health");
      assertEquals(503, response.statusCode());
      assertEquals(
          Map.of(
              "status",
              "DOWN",
              "components",
              Map.of(
                  "database",
                  Map.of("status", "DOWN", "detail", "connection refused"),
                  "platform",
                  Map.of("status", "UP"))),
          json(response));
    } finally {
      database.set(Health.up());
    }
  }

  @Test
  void aHangingCheckCountsAsDownWithinTheBound() throws Exception {
    TestResources.HangingHealth slow = new TestResources.HangingHealth();
    health.addIndicator(slow);
    try {
      long start = System.nanoTime();
      HttpResponse<String> response = get("/api/health");
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
      assertEquals(503, response.statusCode());
      assertTrue(response.body().contains("no answer within 500 ms"), response.body());
    } finally {
      health.removeIndicator(slow);
    }
  }
}
