package cores.launcher.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.envconfig.Resolved;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigurationPlanTest {

  private static final Database EMBEDDED =
      new Database("127.0.0.1", 45000, "cores", Optional.of("postgres"), Optional.empty());

  private static Settings settings(String... pairs) throws EnvironmentException {
    Map<String, String> env = new HashMap<>();
    env.put("SECRET_KEY", "k3y");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return EnvironmentParser.parse(env, Path.of("/srv/cores"));
  }

  private static Map<String, Map<String, Object>> byPid(List<Resolved> list) {
    return list.stream().collect(Collectors.toMap(Resolved::pid, Resolved::properties));
  }

  @Test
  void serverModeWithDefaults() throws Exception {
    Map<String, Map<String, Object>> pids =
        byPid(ConfigurationPlan.of(settings(), EMBEDDED, RunMode.SERVER));
    assertEquals(
        List.of(
            "cores.database",
            "cores.system",
            "cores.http",
            "cores.plugins",
            "cores.notify",
            "cores.domain.jobs",
            "cores.site"),
        ConfigurationPlan.of(settings(), EMBEDDED, RunMode.SERVER).stream()
            .map(Resolved::pid)
            .toList());
    assertEquals(
        Map.of(
            "url", "jdbc:postgresql://127.0.0.1:45000/cores", "user", "postgres", "poolSize", 10),
        pids.get("cores.database"));
    assertEquals(
        Map.of(
            "port",
            8000,
            "address",
            "",
            "hostname",
            "localhost",
            "debug",
            false,
            "trustedProxies",
            "127.0.0.1,::1,nginx",
            "maxActiveRequests",
            0,
            "trustedOrigins",
            "",
            "secretKey",
            "k3y"),
        pids.get("cores.http"));
    assertEquals(Map.of("directory", "/srv/cores/plugins"), pids.get("cores.plugins"));
    assertEquals(
        Map.of("hostname", "localhost", "retryBaseMillis", 30_000L), pids.get("cores.notify"));
    assertEquals(
        Map.of("morningJobAt", "06:00", "maintenanceJobAt", "03:00", "changelogDays", 365),
        pids.get("cores.domain.jobs"));
    assertEquals(Map.of("timeZone", "UTC"), pids.get("cores.site"));
    assertEquals("****", pids.get("cores.system").get("SECRET_KEY"));
    assertEquals("localhost", pids.get("cores.system").get("HOSTNAME"));
  }

  /** A component that refuses one of these properties is reported by the variable's name. */
  @Test
  void propertiesWrittenFromAVariableKnowIt() throws Exception {
    Map<String, Map<String, String>> sources =
        ConfigurationPlan.of(settings(), EMBEDDED, RunMode.SERVER).stream()
            .collect(Collectors.toMap(Resolved::pid, Resolved::sources));
    assertEquals("CORES_HTTP_PORT", sources.get("cores.http").get("port"));
    assertEquals("CORES_HTTP_ADDRESS", sources.get("cores.http").get("address"));
    assertEquals("HOSTNAME", sources.get("cores.http").get("hostname"));
    assertEquals("CORES_TRUSTED_ORIGINS", sources.get("cores.http").get("trustedOrigins"));
    assertEquals("CORES_PLUGINS", sources.get("cores.plugins").get("directory"));
    assertEquals("CORES_TIME_ZONE", sources.get("cores.site").get("timeZone"));
  }

  @Test
  void externalDatabaseWithCredentials() throws Exception {
    Settings s =
        settings(
            "POSTGRES_HOST", "db",
            "POSTGRES_USER", "cores",
            "POSTGRES_PASSWORD", "pw",
            "CORES_DB_POOL_SIZE", "4");
    Map<String, Object> db =
        byPid(ConfigurationPlan.of(s, s.externalDatabase().orElseThrow(), RunMode.SERVER))
            .get("cores.database");
    assertEquals(
        Map.of(
            "url",
            "jdbc:postgresql://db:5432/cores",
            "user",
            "cores",
            "password",
            "pw",
            "poolSize",
            4),
        db);
  }

  @Test
  void notificationLinksUseHostnameAndRetriesWaitTheConfiguredSeconds() throws Exception {
    assertEquals(
        Map.of("hostname", "cores.example.org", "retryBaseMillis", 5_000L),
        byPid(
                ConfigurationPlan.of(
                    settings("HOSTNAME", "cores.example.org", "CORES_MAIL_RETRY_SECONDS", "5"),
                    EMBEDDED,
                    RunMode.SERVER))
            .get("cores.notify"));
    Map<String, String> sources =
        ConfigurationPlan.of(settings(), EMBEDDED, RunMode.SERVER).stream()
            .collect(Collectors.toMap(Resolved::pid, Resolved::sources))
            .get("cores.notify");
    assertEquals("CORES_MAIL_RETRY_SECONDS", sources.get("retryBaseMillis"));
  }

  @Test
  void jobScheduleReachesTheJobsComponent() throws Exception {
    Settings s =
        settings(
            "CORES_MORNING_JOB_AT", "08:23",
            "CORES_MAINTENANCE_JOB_AT", "1:05",
            "CORES_TIME_ZONE", "America/New_York",
            "CORES_CHANGELOG_DAYS", "90");
    assertEquals(
        Map.of("morningJobAt", "08:23", "maintenanceJobAt", "01:05", "changelogDays", 90),
        byPid(ConfigurationPlan.of(s, EMBEDDED, RunMode.SERVER)).get("cores.domain.jobs"));
    assertEquals(
        Map.of("timeZone", "America/New_York"),
        byPid(ConfigurationPlan.of(s, EMBEDDED, RunMode.SERVER)).get("cores.site"));
  }

  @Test
  void commandModeHasNoHttpNoPlugins() throws Exception {
    Settings s = settings();
    assertEquals(
        List.of("cores.database", "cores.system"),
        ConfigurationPlan.of(s, EMBEDDED, RunMode.COMMAND).stream().map(Resolved::pid).toList());
  }

  @Test
  void serverModeNeedsASecretKey() throws Exception {
    Settings debug = EnvironmentParser.parse(Map.of("DEBUG", "True"), Path.of("/"));
    assertThrows(
        IllegalStateException.class, () -> ConfigurationPlan.of(debug, EMBEDDED, RunMode.SERVER));
    assertEquals(2, ConfigurationPlan.of(debug, EMBEDDED, RunMode.COMMAND).size());
  }

  @Test
  void toStringShowsPropertyNamesOnly() throws Exception {
    for (Resolved c : ConfigurationPlan.of(settings(), EMBEDDED, RunMode.SERVER)) {
      assertFalse(c.toString().contains("k3y"), c.toString());
    }
  }
}
