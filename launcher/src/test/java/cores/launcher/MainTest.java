package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.launcher.env.PidConfiguration;
import cores.launcher.feature.Feature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error paths of {@link Main#run} that end before any database or framework is started. */
class MainTest {

  @TempDir Path home;
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
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
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

  @Test
  void badCommandLine() {
    assertEquals(2, run(Map.of(), "serve"));
    assertEquals("cores: unknown command \"serve\"\n" + Invocation.USAGE + "\n", stderr());
  }

  @Test
  void aSwitchedOnProviderWithoutItsFeature() {
    Map<String, String> env = new HashMap<>();
    env.put("SECRET_KEY", "k");
    env.put("KERBEROS_AUTH", "True");
    env.put("KERBEROS_REALM", "EXAMPLE.ORG");
    assertEquals(2, run(env));
    assertEquals("cores: KERBEROS_AUTH: the auth-kerberos feature is not installed\n", stderr());
  }

  @Test
  void smtpWithoutItsFeature() {
    assertEquals(2, run(Map.of("SECRET_KEY", "k", "SMTP_SERVER", "mail.example.org")));
    assertEquals("cores: SMTP_SERVER: the notify-smtp feature is not installed\n", stderr());
  }

  @Test
  void featureDefaultsAreOverriddenByTheEnvironmentPropertyByProperty() {
    Feature core =
        new Feature(
            "core",
            "cores:core:1",
            List.of(),
            Map.of(
                "cores.accounts", Map.of("sessionTimeoutMinutes", 60),
                "cores.http", Map.of("maxBodyBytes", 1024L, "port", 1)));
    List<PidConfiguration> merged =
        Main.withFeatureDefaults(
            List.of(core), List.of(new PidConfiguration("cores.http", Map.of("port", 8000))));
    Map<String, Map<String, Object>> byPid = new HashMap<>();
    merged.forEach(c -> byPid.put(c.pid(), c.properties()));
    assertEquals(Map.of("sessionTimeoutMinutes", 60), byPid.get("cores.accounts"));
    assertEquals(Map.of("maxBodyBytes", 1024L, "port", 8000), byPid.get("cores.http"));
  }
}
