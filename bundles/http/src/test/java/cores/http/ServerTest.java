package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's behaviour at its door and through Jersey, over real HTTP. */
class ServerTest extends ServerFixture {
  // ---- problems

  @Test
  void unknownApiPathIsProblem404() throws Exception {
    Map<String, Object> body = problem(get("/api/nothing-here"), 404);
    assertEquals("Not Found", body.get("title"));
  }

  @Test
  void pathOutsideTheApiIsAnHtml404() throws Exception {
    HttpResponse<String> page = get("/static/nothing.css");
    assertEquals(404, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
  }

  @Test
  void wrongMethodIsProblem405WithAllow() throws Exception {
    for (String method : List.of("DELETE", "POST", "PUT", "PATCH")) {
      HttpResponse<String> response = send(method, "/api/health", null);
      assertEquals(
          "The method is not allowed for this resource.", problem(response, 405).get("detail"));
      assertEquals("HEAD,GET,OPTIONS", response.headers().firstValue("Allow").orElse(""), method);
      assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }
    HttpResponse<String> jersey = send("DELETE", "/api/things", null);
    problem(jersey, 405);
    assertTrue(jersey.headers().firstValue("Allow").orElse("").contains("GET"));
  }

  @Test
  void wrongMediaTypeIsProblem415() throws Exception {
    problem(send("POST", "/api/things", "x", "Content-Type", "text/plain"), 415);
  }

  @Test
  void malformedJsonIsProblem400() throws Exception {
    Map<String, Object> body = problem(send("POST", "/api/things", "{\"name\": "), 400);
    assertTrue(body.get("detail").toString().startsWith("Malformed JSON"), body.toString());
  }

  @Test
  void unknownFieldIsProblem400NamingIt() throws Exception {
    Map<String, Object> body =
        problem(send("POST", "/api/things", "{\"name\":\"a\",\"colour\":\"red\"}"), 400);
    assertEquals(Map.of("colour", List.of("Unknown field.")), body.get("errors"));
  }

  @Test
  void wrongTypeIsProblem400NamingTheField() throws Exception {
    Map<String, Object> body =
        problem(send("POST", "/api/things", "{\"name\":\"a\",\"count\":\"lots\"}"), 400);
    assertTrue(((Map<?, ?>) body.get("errors")).containsKey("count"), body.toString());
  }

  @Test
  void strictScalarsAWrongJsonTypeIsProblem400AtTheFieldNamingTheExpectedType() throws Exception {
    Map<String, String> wrong = new java.util.LinkedHashMap<>();
    wrong.put("{\"number\":\"5\"}", "number:whole number");
    wrong.put("{\"number\":true}", "number:whole number");
    wrong.put("{\"number\":\"\"}", "number:whole number");
    wrong.put("{\"text\":5}", "text:string");
    wrong.put("{\"text\":1.5}", "text:string");
    wrong.put("{\"text\":false}", "text:string");
    wrong.put("{\"flag\":\"true\"}", "flag:boolean");
    wrong.put("{\"flag\":1}", "flag:boolean");
    wrong.put("{\"ids\":[1,\"5\"]}", "ids[1]:whole number");
    for (Map.Entry<String, String> c : wrong.entrySet()) {
      String field = c.getValue().split(":")[0];
      String type = c.getValue().split(":")[1];
      Map<String, Object> body = problem(send("POST", "/api/things/typed", c.getKey()), 400);
      assertEquals(
          Map.of(
              field,
              List.of(
                  type.equals("whole number")
                      ? "Expected a whole number."
                      : "Expected a value of type " + type + ".")),
          body.get("errors"),
          c.getKey());
    }
    // a field the body does not take, an id too, is refused
    Map<String, Object> id = problem(send("POST", "/api/things/typed", "{\"id\":3}"), 400);
    assertEquals(Map.of("id", List.of("Unknown field.")), id.get("errors"));
    // each type as itself, and values of a free-form object as they are
    HttpResponse<String> right =
        send(
            "POST",
            "/api/things/typed",
            "{\"number\":5,\"text\":\"t\",\"flag\":true,\"ids\":[1,2],"
                + "\"free\":{\"a\":\"5\",\"b\":5}}");
    assertEquals(200, right.statusCode(), right.body());
    assertEquals(
        Map.of(
            "number",
            5,
            "text",
            "t",
            "flag",
            true,
            "ids",
            List.of(1, 2),
            "free",
            Map.of("a", "5", "b", 5)),
        json(right));
  }

  @Test
  void storableTextALoneSurrogateInJsonIsProblem400AtTheFieldLikeANul() throws Exception {
    for (String text : List.of("a\\ud800", "\\udc00b", "\\ude00\\ud83d", "x\\u0000")) {
      Map<String, Object> body =
          problem(send("POST", "/api/things", "{\"name\":\"" + text + "\",\"count\":1}"), 400);
      assertTrue(((Map<?, ?>) body.get("errors")).containsKey("name"), text + ": " + body);
    }
    // a whole pair is a character like any other
    HttpResponse<String> pair =
        send("POST", "/api/things", "{\"name\":\"\\ud83d\\ude00\",\"count\":1}");
    assertEquals(200, pair.statusCode(), pair.body());
    assertEquals("\ud83d\ude00", json(pair).get("name"));
  }

  @Test
  void invalidUtf8InAStringIsProblem400AtTheField() throws Exception {
    byte[] body = "{\"name\":\"a\u00ff\",\"count\":1}".getBytes(StandardCharsets.ISO_8859_1);
    String answer =
        raw(
            "POST /api/things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n",
            body);
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertTrue(answer.contains("\"errors\":{\"name\":[\"Unreadable JSON: Invalid UTF-8"), answer);
  }

  @Test
  void storableTextANulInAFormPostedToTheApiIsProblem400AtTheField() throws Exception {
    Map<String, Object> body =
        problem(
            send(
                "POST",
                "/api/things/form",
                "name=a%00b&ok=1",
                "Content-Type",
                "application/x-www-form-urlencoded"),
            400);
    assertEquals(
        Map.of("name", List.of("Text must not contain NUL characters (\\u0000).")),
        body.get("errors"));
  }

  @Test
  void aFormInACharsetTheServerDoesNotKnowIsProblem415() throws Exception {
    for (String charset : List.of("bogus", "\"a b\"")) {
      Map<String, Object> body =
          problem(
              send(
                  "POST",
                  "/api/things/form",
                  "name=a",
                  "Content-Type",
                  "application/x-www-form-urlencoded; charset=" + charset),
              415);
      assertTrue(body.get("detail").toString().contains("charset"), body.toString());
    }
    HttpResponse<String> known =
        send(
            "POST",
            "/api/things/form",
            "name=a",
            "Content-Type",
            "application/x-www-form-urlencoded; charset=UTF-8");
    assertEquals(200, known.statusCode(), known.body());
  }

  @Test
  void badQueryParameterIsProblem400() throws Exception {
    Map<String, Object> body = problem(get("/api/things?limit=ten"), 400);
    assertTrue(((Map<?, ?>) body.get("errors")).containsKey("limit"), body.toString());
  }

  @Test
  void jsonRoundTripsWithIsoDates() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/things",
            "{\"name\":\"a\",\"count\":2,\"when\":\"2026-01-02T03:04:05Z\"}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(Map.of("name", "a", "count", 2, "when", "2026-01-02T03:04:05Z"), json(response));
  }

  @Test
  void unexpectedFailureIs500WithoutInternals() throws Exception {
    Map<String, Object> body = problem(get("/api/things/boom"), 500);
    assertFalse(body.toString().contains("must not leak"));
    assertNotNull(body.get("id"));
    assertNull(body.get("trace"));
  }

  // ---- bad input at the door

  @Test
  void foreignHostIs400() throws Exception {
    String answer =
        raw("GET /api/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", null);
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertTrue(answer.contains("application/problem+json"), answer);
    assertTrue(answer.contains("Invalid Host header."), answer);
    assertTrue(answer.contains("X-Frame-Options: DENY"), answer);
  }

  @Test
  void unparseableRequestIsProblem400() throws Exception {
    String answer = raw("GET /api/health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n", null);
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertTrue(answer.contains("application/problem+json"), answer);
  }

  @Test
  void configuredHostAndProxyAreAnswered() throws Exception {
    for (String host : List.of("cores.example.org", "nginx:80", "localhost:8000", "[::1]")) {
      String answer =
          raw("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", null);
      assertTrue(answer.startsWith("HTTP/1.1 200"), host + ": " + answer);
    }
  }

  @Test
  void bodyOverTheLimitByContentLengthIs413() throws Exception {
    HttpResponse<String> response =
        send("POST", "/api/things", "{\"name\":\"" + "x".repeat(MAX_BODY) + "\"}");
    problem(response, 413);
    assertEquals(200, status("/api/health"));
  }

  @Test
  void theBodyLimitComesBeforeHealth() throws Exception {
    problem(send("POST", "/api/health", "x".repeat(MAX_BODY + 1)), 413);
  }

  @Test
  void chunkedBodyOverTheLimitIsCutOffWith413() throws Exception {
    String answer = chunkedOverTheLimit("/api/things/raw", "");
    assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    assertTrue(answer.contains("application/problem+json"), answer);
    assertEquals(200, status("/api/health"));
  }

  @Test
  void chunkedBodyWithinTheLimitIsRead() throws Exception {
    String answer =
        raw(
            "POST /api/things/raw HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "200\r\n"
                + "a".repeat(512)
                + "\r\n0\r\n\r\n",
            null);
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertTrue(answer.contains("{\"bytes\":512}"), answer);
  }

  // ---- headers

  @Test
  void securityHeadersOnEveryAnswer() throws Exception {
    for (HttpResponse<String> response :
        List.of(get("/api/health"), get("/api/nothing"), get("/elsewhere"))) {
      var headers = response.headers();
      assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null));
      assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null));
      assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(null));
      assertEquals(
          "default-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none';"
              + " frame-ancestors 'none'",
          headers.firstValue("Content-Security-Policy").orElse(null));
      assertEquals("same-origin", headers.firstValue("Cross-Origin-Opener-Policy").orElse(null));
      assertTrue(headers.firstValue("Server").isEmpty());
    }
    assertEquals("no-store", get("/api/health").headers().firstValue("Cache-Control").orElse(""));
  }

  // ---- whiteboard

  @Test
  void resourcesAndExtensionsComeAndGoAtRunTime() throws Exception {
    assertEquals(404, status("/api/late"));
    TestResources.Late late = new TestResources.Late();
    TestResources.Marker marker = new TestResources.Marker();
    server.addResource(late);
    server.addExtension(marker);
    eventually(() -> status("/api/late") == 200);
    HttpResponse<String> response = get("/api/late");
    assertEquals(Map.of("late", true), json(response));
    assertEquals("on", response.headers().firstValue("X-Test-Marker").orElse(null));
    assertTrue(json(get("/api/")).get("resources").toString().contains("/api/late"));

    server.removeResource(late);
    server.removeExtension(marker);
    eventually(() -> status("/api/late") == 404);
    assertTrue(get("/api/things").headers().firstValue("X-Test-Marker").isEmpty());
    assertFalse(json(get("/api/")).get("resources").toString().contains("/api/late"));
  }

  @Test
  void requestsInProgressSurviveReloads() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ConcurrentLinkedQueue<Integer> statuses =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    // /api/things goes through Jersey; /api/health, served in front of it, answers throughout too
    Thread load =
        new Thread(
            () -> {
              while (running.get()) {
                statuses.add(status("/api/things"));
                statuses.add(status("/api/health"));
              }
            });
    load.start();
    try {
      for (int i = 0; i < 10; i++) {
        TestResources.Late late = new TestResources.Late();
        server.addResource(late);
        eventually(() -> status("/api/late") == 200);
        server.removeResource(late);
        eventually(() -> status("/api/late") == 404);
      }
    } finally {
      running.set(false);
      load.join();
    }
    assertTrue(statuses.size() > 10);
    assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
  }

  @Test
  void indexListsTheResources() throws Exception {
    HttpResponse<String> response = get("/api/");
    assertEquals(200, response.statusCode(), response.body());
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) json(response).get("resources");
    assertTrue(
        resources.containsAll(List.of("/api/auth", "/api/auth-test", "/api/health", "/api/things")),
        resources.toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> endpoints =
        (List<Map<String, Object>>) json(response).get("endpoints");
    assertTrue(
        endpoints.contains(Map.of("path", "/api/things", "methods", List.of("GET", "POST"))),
        endpoints.toString());
    assertTrue(
        endpoints.contains(Map.of("path", "/api/health", "methods", List.of("GET"))),
        endpoints.toString());
    assertTrue(
        endpoints.contains(Map.of("path", "/api/auth/login", "methods", List.of("POST"))),
        endpoints.toString());
    assertEquals("/api/docs", json(response).get("docs"));
  }

  // ---- API description

  @SuppressWarnings("unchecked")
  private static Map<String, Object> docPaths(HttpResponse<String> response) throws IOException {
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    return (Map<String, Object>) json(response).get("paths");
  }

  @Test
  @SuppressWarnings("unchecked")
  void docsDescribeThePublishedResourcesAsOpenApiJson() throws Exception {
    HttpResponse<String> response = get("/api/docs", "Accept", "application/json");
    assertEquals("3.1.0", json(response).get("openapi"));
    // a registered resource's published schemas, and its operation's answer refers to them
    Map<String, Object> components = (Map<String, Object>) json(response).get("components");
    assertEquals(
        List.of("limit"),
        ((Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get("things_page"))
            .get("required"),
        components.toString());
    Map<String, Object> paths = docPaths(response);
    assertTrue(
        ((Map<String, Object>) paths.get("/api/things"))
            .get("get")
            .toString()
            .contains("schema={$ref=#/components/schemas/things_page}"),
        paths.get("/api/things").toString());
    assertTrue(
        paths
            .keySet()
            .containsAll(
                List.of(
                    "/api/",
                    "/api/docs",
                    "/api/health",
                    "/api/health/live",
                    "/api/auth/login",
                    "/api/auth-test",
                    "/api/things",
                    "/api/things/raw")),
        paths.keySet().toString());
    // served by a Jetty handler, described by the @ApiDoc on it
    Map<String, Object> healthPath = (Map<String, Object>) paths.get("/api/health");
    assertEquals(List.of("get"), List.copyOf(healthPath.keySet()));
    Map<String, Object> health = (Map<String, Object>) healthPath.get("get");
    assertEquals("anonymous", health.get("x-permission"));
    assertEquals(List.of("system"), health.get("tags"));
    assertEquals("healthHandler_get", health.get("operationId"));
    assertTrue(health.get("summary").toString().startsWith("Readiness: "), health.toString());
    Map<String, Object> live =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/health/live")).get("get");
    assertEquals("liveness_get", live.get("operationId"));
    assertTrue(live.get("summary").toString().startsWith("Liveness: "), live.toString());
    assertTrue(health.get("responses").toString().contains("application/json"), health.toString());
    Map<String, Object> guarded =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/things/guarded")).get("post");
    assertEquals("inventory.change_host", guarded.get("x-permission"));
    Map<String, Object> list =
        (Map<String, Object>) ((Map<String, Object>) paths.get("/api/things")).get("get");
    assertTrue(list.get("parameters").toString().contains("name=limit"), list.toString());
    // anything but a browser gets JSON: curl, scripts without an Accept header
    assertEquals(paths, docPaths(get("/api/docs")));
    assertEquals(paths, docPaths(get("/api/docs", "Accept", "*/*")));
    assertEquals(
        "Accept", response.headers().firstValue("Vary").orElse(""), response.headers().toString());
  }

  @Test
  void docsAreAReadablePageForBrowsersAndJsonOnRequest() throws Exception {
    String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    HttpResponse<String> page = get("/api/docs", "Accept", browser);
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(
        page.headers()
            .firstValue("Content-Type")
            .orElse("")
            .equalsIgnoreCase("text/html;charset=utf-8"),
        page.headers().toString());
    assertTrue(page.body().contains("<code>/api/things</code>"), page.body());
    assertTrue(page.body().contains("<code>limit</code> (query, integer)"), page.body());
    assertTrue(page.body().contains("inventory.change_host"), page.body());
    assertTrue(
        page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src"));
    assertFalse(page.body().contains("<script"), page.body());

    assertTrue(docPaths(get("/api/docs?format=json", "Accept", browser)).containsKey("/api/docs"));
    HttpResponse<String> html = get("/api/docs?format=html");
    assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertEquals(
        List.of("must be json or html"),
        ((Map<?, ?>) problem(get("/api/docs?format=yaml"), 400).get("errors")).get("format"));
  }

  @Test
  void docsAndIndexFollowTheResourcesComingAndGoing() throws Exception {
    assertFalse(docPaths(get("/api/docs")).containsKey("/api/late"));
    TestResources.Late late = new TestResources.Late();
    server.addResource(late);
    try {
      eventually(() -> status("/api/late") == 200);
      assertTrue(docPaths(get("/api/docs")).containsKey("/api/late"));
      assertTrue(json(get("/api/")).get("endpoints").toString().contains("path=/api/late,"));
    } finally {
      server.removeResource(late);
    }
    eventually(() -> status("/api/late") == 404);
    assertFalse(docPaths(get("/api/docs")).containsKey("/api/late"));
    assertFalse(json(get("/api/")).get("endpoints").toString().contains("/api/late"));
  }

  @Test
  void indexAndDocsAreCachedPerResourceSetWithAnETagThatChangesWithIt() throws Exception {
    for (String[] request :
        List.of(
            new String[] {"/api/", "application/json"},
            new String[] {"/api/docs", "application/json"},
            new String[] {"/api/docs", "text/html"})) {
      String path = request[0];
      String accept = request[1];
      HttpResponse<String> first = get(path, "Accept", accept);
      String tag = first.headers().firstValue("ETag").orElseThrow();
      assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""), path);
      HttpResponse<String> again = get(path, "Accept", accept);
      assertEquals(first.body(), again.body(), path);
      assertEquals(tag, again.headers().firstValue("ETag").orElse(""), path);
      HttpResponse<String> unchanged = get(path, "Accept", accept, "If-None-Match", tag);
      assertEquals(304, unchanged.statusCode(), path);
      assertEquals("", unchanged.body(), path);
      assertEquals(tag, unchanged.headers().firstValue("ETag").orElse(""), path);

      TestResources.Late late = new TestResources.Late();
      server.addResource(late);
      try {
        eventually(() -> status("/api/late") == 200);
        HttpResponse<String> changed = get(path, "Accept", accept, "If-None-Match", tag);
        assertEquals(200, changed.statusCode(), path);
        assertTrue(changed.body().contains("/api/late"), path);
        assertNotEquals(tag, changed.headers().firstValue("ETag").orElse(""), path);
      } finally {
        server.removeResource(late);
      }
      eventually(() -> status("/api/late") == 404);
      HttpResponse<String> back = get(path, "Accept", accept);
      assertEquals(first.body(), back.body(), path);
      assertFalse(back.body().contains("/api/late"), path);
    }
  }
}
