package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugins folder of a running platform (Apache Felix FileInstall, with the cores-plugins
 * observer), with the repository's example plugin (bundles/example-plugin, which publishes {@code
 * GET /api/hello}): dropped in, the resource appears; replaced, it is updated in place; removed, it
 * goes; a {@code cores.example.hello.cfg} beside it configures it; corrupt or non-bundle jars next
 * to it are refused, logged once and reported while the platform stays up.
 */
class PluginsIT {

  private static final String PLUGIN_DESCRIPTOR = "OSGI-INF/cores.example.hello.HelloResource.xml";
  private static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "plugins-it-" + System.nanoTime();

  private static TestDatabase db;

  @TempDir Path plugins;

  @BeforeAll
  static void createDatabaseWithAnAdmin() throws Exception {
    db = TestDatabase.migrated();
    try (CoresProcess command =
        CoresProcess.builder("plugins-createsuperuser")
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", PASSWORD)
            .args("createsuperuser", "--username", "admin", "--email", "admin@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  @Test
  void aPluginDroppedIntoTheRunningPlatformServesItsResourceUntilItIsRemoved() throws Exception {
    try (CoresProcess cores = start("plugins-drop")) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(404, cores.get("/api/hello").statusCode(), "no plugin yet");

      Files.copy(examplePlugin(), plugins.resolve("hello.jar"));
      HttpResponse<String> anonymous = awaitStatus(cores, "/api/hello", 200);
      assertEquals("{\"message\":\"Hello from a Cores plugin\",\"user\":null}", anonymous.body());
      assertTrue(
          anonymous.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
          anonymous.headers().toString());
      // its page, in the site's frame, and its entry in the navigation of every page
      HttpResponse<String> page = awaitStatus(cores, "/hello", 200);
      assertTrue(page.body().contains("Hello, visitor, from a Cores plugin."), page.body());
      assertTrue(page.body().contains("class=\"cores-header\""), "in the frame: " + page.body());
      assertTrue(cores.get("/").body().contains("<a href=\"/hello\""), "the navigation links it");
      HttpResponse<String> signedIn = getAsAdmin(cores, "/api/hello");
      assertEquals(200, signedIn.statusCode(), signedIn.body());
      assertEquals(
          "{\"message\":\"Hello from a Cores plugin\",\"user\":\"admin\"}", signedIn.body());

      // replaced by a new version: updated in place, the resource is served again afterwards
      Path staged = Files.createTempFile("hello", ".jar");
      writeWithHeader(examplePlugin(), staged, "Bundle-Version", "9.9.9");
      Files.move(staged, plugins.resolve("hello.jar"), StandardCopyOption.REPLACE_EXISTING);
      cores.awaitLog("Updated plugin cores.example.hello 9.9.9", PLUGIN_TIMEOUT);
      assertEquals(200, awaitStatus(cores, "/api/hello", 200).statusCode());
      // the new version's page is served in a rebuild of its own: a 404 before it proves nothing
      awaitStatus(cores, "/hello", 200);

      Files.delete(plugins.resolve("hello.jar"));
      awaitStatus(cores, "/api/hello", 404);
      awaitStatus(cores, "/hello", 404);
      // the navigation and the pages' application each follow the page's service on their own
      await(cores, "/", a -> !a.body().contains("href=\"/hello\""), "no entry for /hello");
      assertEquals(200, cores.get("/api/health").statusCode());

      assertEquals(0, cores.stop(), "exit code after SIGTERM");
      String log = cores.output();
      assertTrue(log.contains("Installed plugin cores.example.hello"), log);
      assertTrue(log.contains("Uninstalled plugin cores.example.hello"), log);
    }
  }

  @Test
  void aCfgFileInThePluginsFolderConfiguresThePluginWhileItRuns() throws Exception {
    try (CoresProcess cores = start("plugins-cfg")) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      Files.copy(examplePlugin(), plugins.resolve("hello.jar"));
      awaitBody(cores, "/api/hello", "{\"message\":\"Hello from a Cores plugin\",\"user\":null}");

      // the Karaf convention: <pid>.cfg, Java properties, becomes the plugin's configuration
      Path cfg = plugins.resolve("cores.example.hello.cfg");
      Files.writeString(cfg, "message = Bonjour from a .cfg file\n", StandardCharsets.UTF_8);
      awaitBody(cores, "/api/hello", "{\"message\":\"Bonjour from a .cfg file\",\"user\":null}");

      // edited: the configuration follows, the plugin is not reinstalled
      Files.writeString(cfg, "message = Salut, edited\n", StandardCharsets.UTF_8);
      awaitBody(cores, "/api/hello", "{\"message\":\"Salut, edited\",\"user\":null}");

      // deleted: the configuration goes, the plugin's defaults apply again
      Files.delete(cfg);
      awaitBody(cores, "/api/hello", "{\"message\":\"Hello from a Cores plugin\",\"user\":null}");

      assertEquals(0, cores.stop(), "exit code after SIGTERM");
      String log = cores.output();
      assertEquals(1, count(log, "Installed plugin cores.example.hello"), log);
      assertEquals(0, count(log, "Updated plugin cores.example.hello"), log);
    }
  }

  @Test
  void aPluginClashingWithAServedPathIsRefusedAloneAndLaterChangesStillTakeEffect()
      throws Exception {
    try (CoresProcess cores = start("plugins-clash")) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      Files.copy(examplePlugin(), plugins.resolve("hello.jar"));
      awaitStatus(cores, "/api/hello", 200);

      // a second bundle with the same resource: GET /api/hello clashes with the one served
      Path staged = Files.createTempFile("clash", ".jar");
      writeWithHeader(examplePlugin(), staged, "Bundle-SymbolicName", "cores.example.clash");
      Files.move(staged, plugins.resolve("clash.jar"));
      cores.awaitLog("cores.example.hello.HelloResource refused", PLUGIN_TIMEOUT);
      HttpResponse<String> system = getAsAdmin(cores, "/api/system");
      assertEquals(200, system.statusCode(), system.body());
      assertTrue(
          system
              .body()
              .contains(
                  "\"part\":\"http\",\"subject\":\"resource cores.example.hello.HelloResource of"
                      + " cores.example.clash"),
          system.body());
      // the whiteboard report: the first bundle's resource served, the second's refused with the
      // same reason as its problem
      JsonNode body = JSON.readTree(system.body());
      JsonNode served =
          whiteboardEntry(body, "cores.example.hello.HelloResource", "cores.example.hello");
      assertTrue(served.get("served").asBoolean(), served.toString());
      assertTrue(served.get("problem").isNull(), served.toString());
      JsonNode refused =
          whiteboardEntry(body, "cores.example.hello.HelloResource", "cores.example.clash");
      assertEquals("resource", refused.get("kind").asText());
      assertFalse(refused.get("served").asBoolean(), refused.toString());
      String reason = null;
      for (JsonNode problem : body.get("problems")) {
        if (problem.get("subject").asText().endsWith(" of " + refused.get("bundle").asText())) {
          reason = problem.get("reason").asText();
        }
      }
      assertTrue(reason != null && reason.contains("ambiguous"), body.get("problems").toString());
      assertEquals(reason, refused.get("problem").asText());
      assertEquals(200, cores.get("/api/hello").statusCode());

      // later changes still reach the API: the first one goes, the other takes its path
      Files.delete(plugins.resolve("hello.jar"));
      cores.awaitLog("Uninstalled plugin cores.example.hello", PLUGIN_TIMEOUT);
      long deadline = System.nanoTime() + PLUGIN_TIMEOUT.toNanos();
      while (getAsAdmin(cores, "/api/system").body().contains("\"part\":\"http\"")) {
        assertTrue(System.nanoTime() < deadline, "the refused resource is never taken");
        Thread.sleep(200);
      }
      assertEquals(200, cores.get("/api/hello").statusCode());
      Files.delete(plugins.resolve("clash.jar"));
      awaitStatus(cores, "/api/hello", 404);
      assertEquals(200, cores.get("/api/health").statusCode());
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }

  @Test
  void startsThePluginsFoundAtBootAndSkipsCorruptAndNonBundleJarsBesideThem() throws Exception {
    Files.copy(examplePlugin(), plugins.resolve("hello.jar"));
    Path corrupt = plugins.resolve("corrupt.jar");
    Files.writeString(corrupt, "this is not a zip file", StandardCharsets.UTF_8);
    Path library = plugins.resolve("library.jar");
    writePlainJar(library);
    // a plugin that cannot start: Cores starts without it and names it
    Path renamed = Files.createTempFile("renamed", ".jar");
    writeWithHeader(examplePlugin(), renamed, "Bundle-SymbolicName", "cores.example.broken");
    writeWithHeader(
        renamed, plugins.resolve("broken.jar"), "Bundle-Activator", "no.such.Activator");
    Files.delete(renamed);

    try (CoresProcess cores = start("plugins-boot")) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      awaitStatus(cores, "/api/hello", 200);
      // two more polls (2 s apart): a skipped jar is not tried, nor logged, again
      Thread.sleep(4_500);

      assertTrue(cores.isAlive());
      assertEquals(200, cores.get("/api/health").statusCode());
      List<String> corruptWarnings = warningsAbout(cores, corrupt);
      assertEquals(1, corruptWarnings.size(), corruptWarnings.toString());
      assertTrue(corruptWarnings.get(0).contains("not a valid jar"), corruptWarnings.get(0));
      List<String> libraryWarnings = warningsAbout(cores, library);
      assertEquals(1, libraryWarnings.size(), libraryWarnings.toString());
      assertTrue(libraryWarnings.get(0).contains("no Bundle-SymbolicName"), libraryWarnings.get(0));
      // and administrators see them in /api/system, by file name
      String system = getAsAdmin(cores, "/api/system").body();
      assertTrue(
          system.contains(
              "\"part\":\"plugins\",\"subject\":\"library.jar\",\"reason\":\"refused: its"
                  + " manifest has no Bundle-SymbolicName"),
          system);
      assertTrue(
          system.contains("\"part\":\"plugins\",\"subject\":\"corrupt.jar\",\"reason\":\"refused:"),
          system);
      assertTrue(
          system.contains("\"part\":\"plugins\",\"subject\":\"broken.jar (cores.example.broken "),
          system);

      assertEquals(0, cores.stop(), "exit code after SIGTERM");
      assertTrue(!cores.output().contains(" ERROR "), cores.output());
      // the plugin that did not start: one line naming its file and the cause, no stack trace
      assertTrue(
          cores
              .output()
              .contains(
                  " WARN fileinstall - plugin broken.jar did not start: BundleException: Not found:"
                      + " no.such.Activator: ClassNotFoundException: no.such.Activator not found by"
                      + " cores.example.broken"),
          cores.output());
      assertFalse(cores.output().contains("\tat "), "no stack trace:\n" + cores.output());
    }
  }

  @Test
  void aPluginFollowsItsFolderAcrossRestartsOnTheKeptFrameworkCache(@TempDir Path data)
      throws Exception {
    Files.copy(examplePlugin(), plugins.resolve("hello.jar"));
    // the first start makes the framework cache, the second starts on it
    for (int start = 1; start <= 2; start++) {
      try (CoresProcess cores = start("plugins-kept-" + start, data)) {
        cores.awaitStarted(Duration.ofSeconds(90));
        assertEquals(200, awaitStatus(cores, "/api/hello", 200).statusCode());
        assertEquals(0, cores.stop(), "exit code after SIGTERM");
      }
    }
    assertTrue(Files.isRegularFile(data.resolve("felix-cache/cores.fingerprint")));

    // replaced while stopped: the new version, not the one in the cache
    Path staged = Files.createTempFile("hello", ".jar");
    writeWithHeader(examplePlugin(), staged, "Bundle-Version", "9.9.9");
    Files.move(staged, plugins.resolve("hello.jar"), StandardCopyOption.REPLACE_EXISTING);
    try (CoresProcess cores = start("plugins-kept-replaced", data)) {
      cores.awaitLog("Installed plugin cores.example.hello 9.9.9", PLUGIN_TIMEOUT);
      // on a kept cache the plugin is installed before the HTTP server listens
      cores.awaitStarted(Duration.ofSeconds(90));
      assertEquals(200, awaitStatus(cores, "/api/hello", 200).statusCode());
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }

    // removed while stopped: gone after the next start on the cache
    Files.delete(plugins.resolve("hello.jar"));
    try (CoresProcess cores = start("plugins-kept-removed", data)) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(404, cores.get("/api/hello").statusCode());
      assertFalse(cores.output().contains("Installed plugin"), cores.output());
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }

  private CoresProcess start(String name, Path data) throws IOException {
    return CoresProcess.builder(name)
        .env(db.environment())
        .env("CORES_PLUGINS", plugins.toString())
        .env("CORES_DATA", data.toString())
        .start();
  }

  private CoresProcess start(String name) throws IOException {
    return CoresProcess.builder(name)
        .env(db.environment())
        .env("CORES_PLUGINS", plugins.toString())
        .start();
  }

  /** The example plugin's jar: a test dependency, so the packaged bundle is on the classpath. */
  static Path examplePlugin() throws IOException, URISyntaxException {
    URL descriptor = PluginsIT.class.getClassLoader().getResource(PLUGIN_DESCRIPTOR);
    if (descriptor == null || !"jar".equals(descriptor.getProtocol())) {
      throw new AssertionError(
          "the packaged cores-example-plugin jar is not on the test classpath: " + descriptor);
    }
    JarURLConnection connection = (JarURLConnection) descriptor.openConnection();
    return Path.of(connection.getJarFileURL().toURI());
  }

  /** The report's entry of a class registered by a bundle (its symbolic name, then its version). */
  private static JsonNode whiteboardEntry(JsonNode system, String className, String bundle) {
    for (JsonNode entry : system.get("whiteboard")) {
      if (className.equals(entry.get("className").asText())
          && entry.get("bundle").asText().startsWith(bundle + " ")) {
        return entry;
      }
    }
    throw new AssertionError(
        className + " of " + bundle + " is not in " + system.get("whiteboard"));
  }

  /** Copies a bundle with one header changed, e.g. its version, as a new release would be. */
  private static void writeWithHeader(Path bundle, Path target, String header, String value)
      throws IOException {
    try (JarFile source = new JarFile(bundle.toFile());
        OutputStream out = Files.newOutputStream(target)) {
      Manifest manifest = new Manifest(source.getManifest());
      manifest.getMainAttributes().putValue(header, value);
      try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
        for (JarEntry entry : Collections.list(source.entries())) {
          if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
            jar.putNextEntry(new JarEntry(entry.getName()));
            try (InputStream in = source.getInputStream(entry)) {
              in.transferTo(jar);
            }
            jar.closeEntry();
          }
        }
      }
    }
  }

  /** A library jar with a manifest but no OSGi headers. */
  private static void writePlainJar(Path file) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Implementation-Title", "not a bundle");
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.finish();
    }
  }

  private static List<String> warningsAbout(CoresProcess cores, Path file) throws IOException {
    return cores
        .output()
        .lines()
        .filter(line -> line.contains(" WARN ") && line.contains(file.toString()))
        .toList();
  }

  private static int count(String log, String text) {
    return (int) log.lines().filter(line -> line.contains(text)).count();
  }

  /**
   * Polls until the path answers 200 with the body (a configuration change takes a poll or two).
   */
  private static void awaitBody(CoresProcess cores, String path, String body)
      throws IOException, InterruptedException {
    await(cores, path, a -> a.statusCode() == 200 && body.equals(a.body()), "200 " + body);
  }

  /** Polls until the path answers the status (the watcher looks every 2 s, twice per change). */
  private static HttpResponse<String> awaitStatus(CoresProcess cores, String path, int status)
      throws IOException, InterruptedException {
    return await(cores, path, a -> a.statusCode() == status, String.valueOf(status));
  }

  /** Polls until the path's answer is the one expected. */
  private static HttpResponse<String> await(
      CoresProcess cores, String path, Predicate<HttpResponse<String>> expected, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + PLUGIN_TIMEOUT.toNanos();
    HttpResponse<String> last = cores.get(path);
    while (!expected.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            path
                + " answered "
                + last.statusCode()
                + " "
                + last.body()
                + " instead of "
                + what
                + " after "
                + PLUGIN_TIMEOUT.toSeconds()
                + " s\n"
                + cores.output());
      }
      Thread.sleep(200);
      last = cores.get(path);
    }
    return last;
  }

  private static HttpResponse<String> getAsAdmin(CoresProcess cores, String path)
      throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(cores.uri(path))
            // the first signed-in request after a reload takes seconds on a loaded machine
            .timeout(PLUGIN_TIMEOUT)
            .header("Authorization", "Basic " + basic)
            .GET()
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
