package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/docs} and {@code /api/} of the booted distribution: every path of API.md's table that
 * exists today is described, with its methods, and a plugin's resource is described while the
 * plugin is installed and no longer once it is removed.
 */
class ApiDocsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> CRUD_LIST = List.of("GET", "POST");
  private static final List<String> CRUD_ITEM = List.of("GET", "PUT", "PATCH", "DELETE");

  /** API.md's paths served today, with the methods of each. */
  private static final Map<String, List<String>> EXPECTED = expected();

  @TempDir static Path plugins;

  private static TestDatabase db;
  private static CoresProcess cores;

  private static Map<String, List<String>> expected() {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (String model :
        List.of(
            "building",
            "lab",
            "rack",
            "hosttype",
            "hosthardware",
            "hdvendor",
            "cardtype",
            "card",
            "nic",
            "host",
            "hostbyid",
            "nicbyid")) {
      paths.put("/api/inventory/" + model, CRUD_LIST);
      paths.put("/api/inventory/" + model + "/{id}", CRUD_ITEM);
    }
    paths.put("/api/booking/bookable", CRUD_LIST);
    paths.put("/api/booking/bookable/{id}", CRUD_ITEM);
    paths.put("/api/booking/bookable/bulk", List.of("POST"));
    paths.put("/api/booking/booking", CRUD_LIST);
    paths.put("/api/booking/booking/{id}", List.of("GET", "PATCH", "DELETE"));
    paths.put("/api/booking/reservation", CRUD_LIST);
    paths.put("/api/booking/reservation/{id}", List.of("GET", "PATCH", "DELETE"));
    paths.put("/api/auth/users", CRUD_LIST);
    paths.put("/api/auth/users/{id}", CRUD_ITEM);
    paths.put("/api/auth/groups", CRUD_LIST);
    paths.put("/api/auth/groups/{id}", CRUD_ITEM);
    paths.put("/api/import/gethosttype", List.of("POST"));
    paths.put("/api/import/gethosthardware", List.of("POST"));
    paths.put("/api/auth-test", List.of("GET"));
    paths.put("/api/health", List.of("GET"));
    paths.put("/api/system", List.of("GET"));
    paths.put("/api/docs", List.of("GET"));
    paths.put("/api/", List.of("GET"));
    return paths;
  }

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.migrated();
    cores =
        CoresProcess.builder("api-docs")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .start();
    cores.awaitStarted(Duration.ofSeconds(90));
    cores.awaitHealthy(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cores != null) {
      cores.close();
    }
    db.close();
  }

  private static HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(cores.uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", accept)
            .GET()
            .build();
    return cores.send(request);
  }

  /** The description's paths, each with its methods in upper case. */
  private static Map<String, List<String>> describedPaths() throws Exception {
    HttpResponse<String> response = get("/api/docs", "application/json");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode doc = JSON.readTree(response.body());
    assertTrue(doc.path("openapi").asText().startsWith("3."), response.body());
    Map<String, List<String>> paths = new LinkedHashMap<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              List<String> methods = new ArrayList<>();
              path.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase()));
              paths.put(path.getKey(), methods);
            });
    return paths;
  }

  /** The index's endpoints, path to methods. */
  private static Map<String, List<String>> indexedPaths() throws Exception {
    HttpResponse<String> response = get("/api/", "application/json");
    assertEquals(200, response.statusCode(), response.body());
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (JsonNode endpoint : JSON.readTree(response.body()).path("endpoints")) {
      List<String> methods = new ArrayList<>();
      endpoint.path("methods").forEach(m -> methods.add(m.asText()));
      paths.put(endpoint.path("path").asText(), methods);
    }
    return paths;
  }

  private static void assertDescribes(
      Map<String, List<String>> described, Map<String, List<String>> expected) {
    Set<String> missing = new TreeSet<>();
    expected.forEach(
        (path, methods) -> {
          List<String> actual = described.get(path);
          if (actual == null || !actual.containsAll(methods)) {
            missing.add(path + " " + methods + " (described: " + actual + ")");
          }
        });
    assertTrue(missing.isEmpty(), "not described: " + missing + "\nall: " + described.keySet());
  }

  @Test
  void theDescriptionHasEveryPathOfTheApiTableThatExistsToday() throws Exception {
    assertDescribes(describedPaths(), EXPECTED);
    assertFalse(describedPaths().containsKey("/api/inventory/{model}"), "the template is expanded");
  }

  @Test
  void theIndexListsTheSamePathsWithTheirMethods() throws Exception {
    assertDescribes(indexedPaths(), EXPECTED);
    assertEquals(describedPaths(), indexedPaths());
  }

  @Test
  void operationsSayWhoMayCallThem() throws Exception {
    JsonNode paths = JSON.readTree(get("/api/docs?format=json", "text/html").body()).path("paths");
    assertEquals(
        "inventory.view_host",
        paths.path("/api/inventory/hostbyid").path("get").path("x-permission").asText());
    assertEquals(
        "inventory.delete_rack",
        paths.path("/api/inventory/rack/{id}").path("delete").path("x-permission").asText());
    assertEquals(
        "anonymous", paths.path("/api/booking/bookable").path("get").path("x-permission").asText());
    assertTrue(
        paths
            .path("/api/booking/bookable")
            .path("get")
            .path("parameters")
            .toString()
            .contains("\"name\":\"free\""),
        paths.path("/api/booking/bookable").toString());

    // a model's list documents its own filters, not the other models'
    String customers = paths.path("/api/loans/customer").path("get").path("parameters").toString();
    assertFalse(customers.contains("\"name\":\"current\""), customers);
    assertFalse(customers.contains("\"name\":\"mac\""), customers);
    String notices = paths.path("/api/notices/notice").path("get").path("parameters").toString();
    assertTrue(notices.contains("\"name\":\"current\""), notices);
    String nics = paths.path("/api/inventory/nic").path("get").path("parameters").toString();
    assertTrue(nics.contains("\"name\":\"mac\"") && nics.contains("\"name\":\"host\""), nics);
  }

  @Test
  void browsersGetAReadablePage() throws Exception {
    HttpResponse<String> page =
        get("/api/docs", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(
        page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        page.headers().toString());
    assertTrue(page.body().contains("<code>/api/inventory/host</code>"), page.body());
    assertTrue(page.body().contains("inventory.view_host"), page.body());
  }

  @Test
  void aPluginsResourceIsDescribedWhileItIsInstalled() throws Exception {
    assertFalse(describedPaths().containsKey("/api/hello"));
    Files.copy(PluginsIT.examplePlugin(), plugins.resolve("hello.jar"));
    try {
      awaitStatus("/api/hello", 200);
      Map<String, List<String>> described = describedPaths();
      assertEquals(List.of("GET"), described.get("/api/hello"), described.keySet().toString());
      assertEquals(List.of("GET"), indexedPaths().get("/api/hello"));
      JsonNode hello =
          JSON.readTree(get("/api/docs", "application/json").body())
              .path("paths")
              .path("/api/hello")
              .path("get");
      assertEquals("anonymous", hello.path("x-permission").asText(), hello.toString());
    } finally {
      Files.delete(plugins.resolve("hello.jar"));
    }
    awaitStatus("/api/hello", 404);
    assertFalse(describedPaths().containsKey("/api/hello"));
    assertFalse(indexedPaths().containsKey("/api/hello"));
    assertDescribes(describedPaths(), EXPECTED);
  }

  /** Polls until the path answers the status (the plugin watcher looks every 2 s). */
  private static void awaitStatus(String path, int status) throws Exception {
    long deadline = System.nanoTime() + PLUGIN_TIMEOUT.toNanos();
    HttpResponse<String> last = cores.get(path);
    while (last.statusCode() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            path
                + " answered "
                + last.statusCode()
                + " instead of "
                + status
                + "\n"
                + cores.output());
      }
      Thread.sleep(200);
      last = cores.get(path);
    }
  }
}
