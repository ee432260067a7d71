package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin brings its own switch (issue 15): the htpasswd login provider (bundles/auth-htpasswd,
 * built only against the API, in no feature) declares HTPASSWD_AUTH and HTPASSWD_FILE itself. With
 * those variables set, dropping its jar into the plugins folder of a running Cores lets the users
 * of an htpasswd file written by Apache's own htpasswd log in; removing it stops them. No launcher
 * change knows about it.
 */
class HtpasswdPluginIT {
  private static final String PLUGIN_DESCRIPTOR =
      "OSGI-INF/cores.auth.htpasswd.HtpasswdProvider.xml";

  private static TestDatabase db;

  @TempDir Path plugins;
  @TempDir Path etc;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.migrated();
  }

  @AfterAll
  static void tearDown() throws Exception {
    db.close();
  }

  private Path htpasswdFile() throws Exception {
    Path file = etc.resolve("users.htpasswd");
    Process p =
        new ProcessBuilder("htpasswd", "-cbB", file.toString(), "alice", "Alice-Pass-1")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, output);
    return file;
  }

  private static int authTest(CoresProcess cores) throws Exception {
    return cores
        .send(
            HttpRequest.newBuilder(cores.uri("/api/auth-test"))
                .header("Authorization", ApiClient.basic("alice", "Alice-Pass-1"))
                .build())
        .statusCode();
  }

  private static void awaitStatus(CoresProcess cores, int expected, String why) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int status;
    while ((status = authTest(cores)) != expected) {
      assertTrue(System.nanoTime() < until, why + ": still " + status + "\n" + cores.output());
      Thread.sleep(250);
    }
  }

  @Test
  void theDroppedPluginLogsInTheFilesUsersAndRemovedItNoLonger() throws Exception {
    Path htpasswd = htpasswdFile();
    try (CoresProcess cores =
        CoresProcess.builder("htpasswd")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .env("HTPASSWD_AUTH", "True")
            .env("HTPASSWD_FILE", htpasswd.toString())
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(401, authTest(cores), "no provider knows alice yet");

      Path jar = plugins.resolve("cores-auth-htpasswd.jar");
      Files.copy(plugin(), jar);
      awaitStatus(cores, 200, "alice logs in once the plugin is there");
      // the System page and /api/system show the plugin's setting by its variable
      String system =
          cores
              .send(
                  HttpRequest.newBuilder(cores.uri("/api/system"))
                      .header("Authorization", ApiClient.insertUser(db::connect, "sysowner", true))
                      .build())
              .body();
      assertTrue(system.contains("\"HTPASSWD_FILE\":\"" + htpasswd + "\""), system);
      assertTrue(
          cores.get("/api/health").body().contains("\"status\""), "the platform keeps answering");

      Files.delete(jar);
      awaitStatus(cores, 401, "alice no longer logs in once the plugin is gone");
      cores.awaitLog(
          "plugin cores.auth.htpasswd: configuration cores.auth.htpasswd removed",
          Duration.ofSeconds(30));
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
      // configured once and removed once: no churn while FileInstall stops and uninstalls it
      assertEquals(
          List.of(
              "plugin cores.auth.htpasswd: configured cores.auth.htpasswd[file]",
              "plugin cores.auth.htpasswd: configuration cores.auth.htpasswd removed"),
          cores
              .output()
              .lines()
              .filter(l -> l.contains(" cores.plugin.config.DeclaredConfigurations - "))
              .map(l -> l.substring(l.indexOf(" - ") + 3))
              .toList(),
          cores.output());
      assertFalse(cores.output().contains(" ERROR "), cores.output());
      assertFalse(cores.output().contains("\tat "), "no stack trace:\n" + cores.output());
    }
  }

  @Test
  void aPluginWithABadSettingIsRefusedInOneLineNamingItsVariableAndTheRestRuns() throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("htpasswd-bad")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .env("HTPASSWD_AUTH", "True")
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      Files.copy(plugin(), plugins.resolve("cores-auth-htpasswd.jar"));
      String line =
          "HTPASSWD_FILE: required when HTPASSWD_AUTH is True (plugin cores.auth.htpasswd refused"
              + " its configuration; the rest keeps running)";
      cores.awaitLog(line, Duration.ofSeconds(30));
      List<String> lines = cores.output().lines().filter(l -> l.contains(line)).toList();
      assertEquals(1, lines.size(), cores.output());
      // the only line: not also SCR's naming the property
      assertEquals(
          lines,
          cores.output().lines().filter(l -> l.contains(" ERROR ")).toList(),
          cores.output());
      assertEquals(200, cores.get("/api/health").statusCode());
      assertEquals(401, authTest(cores));
      // the System page and /api/system name the variable too, not the component's property
      String system =
          cores
              .send(
                  HttpRequest.newBuilder(cores.uri("/api/system"))
                      .header("Authorization", ApiClient.insertUser(db::connect, "sysadmin", true))
                      .build())
              .body();
      assertTrue(
          system.contains(
              "did not activate: HTPASSWD_FILE: required when HTPASSWD_AUTH is True (plugin"
                  + " cores.auth.htpasswd refused its configuration; the rest keeps running)"),
          system);
      assertFalse(system.contains("ConfigurationException"), system);
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }

  /**
   * A setting from a {@code <pid>.cfg} file of the plugins folder that the plugin refuses once the
   * file is changed while Cores runs: one line naming the file and key, not the component runtime's
   * entry with its stack trace.
   */
  @Test
  void aChangedCfgFileThePluginRefusesIsOneLineNamingTheFileAndKey() throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("htpasswd-cfg")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      Path cfg = plugins.resolve("cores.auth.htpasswd.cfg");
      Files.writeString(cfg, "file = " + htpasswdFile() + "\n");
      Files.copy(plugin(), plugins.resolve("cores-auth-htpasswd.jar"));
      awaitStatus(cores, 200, "alice logs in with the file the .cfg names");

      Path missing = etc.resolve("missing.htpasswd");
      Files.writeString(cfg, "file = " + missing + "\n");
      String line =
          "cores.auth.htpasswd.cfg: file: \""
              + missing
              + "\" cannot be read (plugin cores.auth.htpasswd refused its configuration; the rest"
              + " keeps running)";
      cores.awaitLog(line, Duration.ofSeconds(30));
      awaitStatus(cores, 401, "alice no longer logs in");
      // the only error: not also the component runtime's naming the property
      List<String> errors = cores.output().lines().filter(l -> l.contains(" ERROR ")).toList();
      assertEquals(1, errors.size(), cores.output());
      assertTrue(errors.get(0).endsWith(line), cores.output());
      assertFalse(cores.output().contains("\tat "), "no stack trace:\n" + cores.output());
      assertEquals(200, cores.get("/api/health").statusCode());
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }

  /**
   * The jar and its {@code .cfg} deleted at once, after the plugin refused the file's setting: the
   * plugin goes with its configuration, and that is no second refusal (the component runtime tries
   * the deleted configuration once more before it learns of the deletion).
   */
  @Test
  void aPluginDeletedWithItsCfgGoesQuietly() throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("htpasswd-gone")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      Path cfg = plugins.resolve("cores.auth.htpasswd.cfg");
      Path missing = etc.resolve("missing.htpasswd");
      Files.writeString(cfg, "file = " + missing + "\n");
      Path jar = plugins.resolve("cores-auth-htpasswd.jar");
      Files.copy(plugin(), jar);
      String refused =
          "cores.auth.htpasswd.cfg: file: \""
              + missing
              + "\" cannot be read (plugin cores.auth.htpasswd refused its configuration; the rest"
              + " keeps running)";
      cores.awaitLog(refused, Duration.ofSeconds(30));

      Files.delete(jar);
      Files.delete(cfg);
      cores.awaitLog("Uninstalled plugin cores.auth.htpasswd", Duration.ofSeconds(30));
      // FileInstall's next scan (2 s) has passed
      Thread.sleep(3000);
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
      List<String> errors = cores.output().lines().filter(l -> l.contains(" ERROR ")).toList();
      assertEquals(1, errors.size(), cores.output());
      assertTrue(errors.get(0).endsWith(refused), cores.output());
      assertFalse(cores.output().contains("\tat "), "no stack trace:\n" + cores.output());
    }
  }

  /** The plugin's packaged jar: a test dependency, found on the classpath. */
  private static Path plugin() throws IOException, URISyntaxException {
    URL descriptor = HtpasswdPluginIT.class.getClassLoader().getResource(PLUGIN_DESCRIPTOR);
    if (descriptor == null || !"jar".equals(descriptor.getProtocol())) {
      throw new AssertionError("the packaged cores-auth-htpasswd jar is not on the classpath");
    }
    return Path.of(((JarURLConnection) descriptor.openConnection()).getJarFileURL().toURI());
  }
}
