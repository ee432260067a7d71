package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.envconfig.Resolved;
import cores.launcher.env.RunMode;
import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The error paths of {@link Main#run} that end before any database or framework is started. */
class MainTest {

  @TempDir Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void distributionWithAnEmptyCoreFeature() throws Exception {
    Files.createDirectories(home.resolve("features"));
    Files.createDirectories(home.resolve("bundles"));
    Files.writeString(
        home.resolve("features/core.json"), "{\"id\": \"cores:core:1\", \"bundles\": []}");
  }

  private int run(Map<String, String> env, String... args) {
    Main main =
        new Main(
            env,
            home,
            home,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return main.run(args);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badEnvironment() {
    assertEquals(2, run(Map.of("DEBUG", "maybe", "SECRET_KEY", "hidden")));
    assertEquals("cores: DEBUG: \"maybe\" is not a boolean (use True or False)\n", stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void helpIsPrintedOnStandardOutputWithoutReadingTheSettings(String word) {
    assertEquals(0, run(Map.of("DEBUG", "maybe"), word));
    assertEquals(Invocation.HELP + "\n", out.toString(StandardCharsets.UTF_8));
    assertEquals("", stderr());
    assertTrue(Invocation.HELP.contains("cores cds"), Invocation.HELP);
    assertTrue(Invocation.HELP.contains("cores createsuperuser"), Invocation.HELP);
  }

  @Test
  void badCommandLine() {
    assertEquals(2, run(Map.of(), "serve"));
    assertEquals("cores: unknown command \"serve\"\n" + Invocation.USAGE + "\n", stderr());
  }

  @Test
  void aCommandRefusesAnEmbeddedDataFolderWithNoServerAndNoDatabase() {
    Map<String, String> env = Map.of("CORES_SUPERUSER_PASSWORD", "pw", "CORES_DATA", "./data");
    assertEquals(
        2, run(env, "createsuperuser", "--username", "admin", "--email", "admin@example.org"));
    assertEquals(
        "cores: CORES_DATA: no Cores server answers in "
            + home.resolve("data")
            + " and it holds no database\n"
            + "hint: run the command in the server's folder or set CORES_DATA to the server's"
            + " (absolute) data folder; on a new installation start the server once first\n",
        stderr());
    assertFalse(Files.exists(home.resolve("data")), "nothing is made in the wrong folder");
  }

  @Test
  void aDataFolderThatIsAFileIsSaidToBeNoDirectory() throws Exception {
    Path file = Files.writeString(home.resolve("data-file"), "x");
    assertEquals(2, run(Map.of("SECRET_KEY", "k", "CORES_DATA", file.toString())));
    assertEquals("cores: CORES_DATA: " + file + ": is not a directory\n", stderr());
  }

  /** A feature that a switch turns on, with one configuration read from the environment. */
  private void switchedFeature(String name, String variable) throws Exception {
    Files.writeString(
        home.resolve("features/" + name + ".json"),
        "{\"id\": \"x:"
            + name
            + ":1\", \"bundles\": [], \""
            + FeatureReader.SWITCH
            + "\": {\"variable\": \""
            + variable
            + "\", \"slot\": \"login\"},"
            + " \"configurations\": {\"x."
            + name
            + "\": {\"url\": \"$[env:X_URL]\"}}}");
  }

  @Test
  void aMalformedSwitchOfAFeatureIsABadSetting() throws Exception {
    switchedFeature("login-x", "X_AUTH");
    assertEquals(2, run(Map.of("SECRET_KEY", "k", "X_AUTH", "maybe")));
    assertEquals("cores: X_AUTH: \"maybe\" is not a boolean (use True or False)\n", stderr());
  }

  @Test
  void aCommandRunsOnlyTheFeaturesWithoutASwitchAndNeverThePluginsFolder() throws Exception {
    Files.writeString(
        home.resolve("features/" + PluginsFolder.FEATURE + ".json"),
        "{\"id\": \"cores:plugins:1\", \"bundles\": []}");
    switchedFeature("login-x", "X_AUTH");
    List<Feature> available =
        new FeatureReader(home.resolve("features"), home.resolve("bundles")).readAll();
    Map<String, String> env = Map.of("X_AUTH", "True", "X_URL", "ldap://x");

    assertEquals(List.of("core"), names(Main.features(available, RunMode.COMMAND, env)));
    assertEquals(
        List.of("core", "login-x", PluginsFolder.FEATURE),
        names(Main.features(available, RunMode.SERVER, env)).stream().sorted().toList());
    assertEquals(
        List.of("core", PluginsFolder.FEATURE),
        names(Main.features(available, RunMode.SERVER, Map.of())).stream().sorted().toList());
  }

  private static List<String> names(List<Feature> features) {
    return features.stream().map(Feature::name).toList();
  }

  @Test
  void theFeaturesConfigurationsTakeTheEnvironmentAndTheLaunchersOwnWin() throws Exception {
    Feature core =
        new Feature(
            "core",
            "cores:core:1",
            List.of(),
            Map.of(
                "cores.accounts", Map.of("sessionTimeoutMinutes", 60),
                "cores.http", Map.of("maxBodyBytes", "$[env:MAX;default=1024]", "port", 1)),
            Optional.empty());
    List<Resolved> merged =
        Main.configurations(
            List.of(core),
            Map.of("MAX", "2048"),
            List.of(new Resolved("cores.http", Map.of("port", 8000), Map.of())));
    Map<String, Map<String, Object>> byPid = new HashMap<>();
    merged.forEach(c -> byPid.put(c.pid(), c.properties()));
    assertEquals(Map.of("sessionTimeoutMinutes", 60), byPid.get("cores.accounts"));
    assertEquals(Map.of("maxBodyBytes", "2048", "port", 8000), byPid.get("cores.http"));
    Resolved http = merged.stream().filter(c -> c.pid().equals("cores.http")).findFirst().get();
    assertEquals(
        Optional.of("MAX: \"x\" is too big"), http.explain("maxBodyBytes", "\"x\" is too big"));
  }
}
