package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/docs/plugin-guide.md holds true (issue 15): its worked example runs with bash from an empty
 * folder to a login provider, built with Maven against the distribution's API jar and dropped into
 * a running Cores started with the guide's variables, whose hash is made by the guide's own recipe.
 */
class PluginGuideIT {
  private static final Pattern WORKED_EXAMPLE =
      Pattern.compile("```sh\n(# worked example\n.*?)```", Pattern.DOTALL);

  /** The hash recipe of step 8, written as comment lines of the example. */
  private static final Pattern HASH_RECIPE =
      Pattern.compile(
          "BREAKGLASS_PASSWORD_HASH=\\$\\(python3 -c '(.*?)' 'the password'\\)", Pattern.DOTALL);

  private static final String PASSWORD = "Glass-Breaks-7";

  private static TestDatabase db;
  private static String page;

  @TempDir Path plugins;
  @TempDir Path work;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.migrated();
    page =
        Files.readString(
            NativeStack.repository().resolve("docs/docs/plugin-guide.md"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void tearDown() throws Exception {
    db.close();
  }

  /** Runs the guide's python recipe for the password. */
  private String hash() throws Exception {
    Matcher recipe = HASH_RECIPE.matcher(page);
    assertTrue(recipe.find(), "plugin-guide.md shows how to make BREAKGLASS_PASSWORD_HASH");
    String code = recipe.group(1).replaceAll("\n#\\s*", "\n");
    Process python =
        new ProcessBuilder("python3", "-c", code, PASSWORD).redirectErrorStream(true).start();
    String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(60, TimeUnit.SECONDS), "the recipe ends");
    assertEquals(0, python.exitValue(), printed);
    assertTrue(printed.startsWith("pbkdf2_sha256$600000$"), printed);
    return printed.strip();
  }

  @Test
  void theWorkedExampleGoesFromAnEmptyFolderToALogin() throws Exception {
    Matcher block = WORKED_EXAMPLE.matcher(page);
    assertTrue(block.find(), "plugin-guide.md has a sh block starting with '# worked example'");
    try (CoresProcess cores =
        CoresProcess.builder("plugin-guide")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .env("BREAKGLASS_AUTH", "True")
            .env("BREAKGLASS_USER", "rescue")
            .env("BREAKGLASS_PASSWORD_HASH", hash())
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));

      Path script = work.resolve("guide.sh");
      Path output = work.resolve("guide.out");
      Files.writeString(script, block.group(1), StandardCharsets.UTF_8);
      ProcessBuilder bash =
          new ProcessBuilder("bash", script.toString())
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      String mavenHome = System.getProperty("cores.maven.home", "");
      String path = System.getenv("PATH");
      bash.environment()
          .putAll(
              Map.of(
                  "CORES_HOME",
                  CoresProcess.distribution().toString(),
                  "CORES_PLUGINS",
                  plugins.toString(),
                  "CORES_URL",
                  cores.uri("").toString().replaceAll("/$", ""),
                  "BREAKGLASS_PASSWORD",
                  PASSWORD,
                  "PATH",
                  mavenHome.isEmpty() ? path : Path.of(mavenHome, "bin") + ":" + path));
      Process process = bash.start();
      // a guard against a hung build, not a measure of it
      assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the example ends");
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), printed + "\n" + cores.output());
      assertTrue(printed.contains("authenticated as rescue"), printed);
      assertTrue(
          cores
              .output()
              .contains(
                  "plugin org.example.breakglass: configured"
                      + " org.example.breakglass[user, passwordHash]"),
          cores.output());
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }
}
