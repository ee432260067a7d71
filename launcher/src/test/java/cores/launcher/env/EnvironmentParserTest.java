package cores.launcher.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentParserTest {

  private static final Path CWD = Path.of("/srv/cores");

  /** Long and varied enough not to be warned about. */
  private static final String KEY = "k3y-9fQ2mZr7Lw1xTb8NcVd4HsYe6JgPu0AoKi5Ml3Rn2Ft7Gq";

  /** The smallest valid production environment. */
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("SECRET_KEY", KEY);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static Settings parse(Map<String, String> env) throws EnvironmentException {
    return EnvironmentParser.parse(env, CWD);
  }

  private static EnvironmentException error(Map<String, String> env) {
    return assertThrows(EnvironmentException.class, () -> parse(env));
  }

  @Test
  void defaults() throws Exception {
    Settings s = parse(env());
    assertEquals("localhost", s.hostname());
    assertEquals(Optional.of(KEY), s.secretKey());
    assertFalse(s.debug());
    assertEquals(Optional.empty(), s.externalDatabase());
    assertEquals("cores", s.databaseName());
    assertEquals(10, s.poolSize());
    assertEquals(30, s.databaseWaitSeconds());
    assertEquals(8000, s.httpPort());
    assertEquals(Path.of("/srv/cores/data"), s.dataDirectory());
    assertEquals(Path.of("/srv/cores/plugins"), s.pluginsDirectory());
    assertEquals(java.util.List.of(), s.warnings());
    assertEquals(
        new JobSchedule(LocalTime.of(6, 0), LocalTime.of(3, 0), ZoneId.of("UTC"), 365), s.jobs());
  }

  @Test
  void jobTimesAreTimesOfDayInTheConfiguredZone() throws Exception {
    Settings s =
        parse(
            env(
                "CORES_MORNING_JOB_AT", "8:23",
                "CORES_MAINTENANCE_JOB_AT", "23:59",
                "CORES_TIME_ZONE", "Europe/Berlin",
                "CORES_CHANGELOG_DAYS", "30"));
    assertEquals(
        new JobSchedule(LocalTime.of(8, 23), LocalTime.of(23, 59), ZoneId.of("Europe/Berlin"), 30),
        s.jobs());
    assertEquals("08:23", s.maskedView().get("CORES_MORNING_JOB_AT"));
    assertEquals(
        "00:00",
        parse(env("CORES_MAINTENANCE_JOB_AT", "00:00"))
            .jobs()
            .properties()
            .get("maintenanceJobAt"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CORES_MORNING_JOB_AT", "CORES_MAINTENANCE_JOB_AT"})
  void aBadJobTimeIsAnErrorNamingTheVariable(String variable) {
    for (String bad : new String[] {"24:00", "6", "06:60", "06:00:00", "6am", "-1:00"}) {
      EnvironmentException e = error(env(variable, bad));
      assertEquals(
          variable + ": \"" + bad + "\" is not a time of day HH:MM (00:00 to 23:59)",
          e.getMessage());
    }
  }

  @Test
  void aBadTimeZoneIsAnErrorNamingTheVariable() {
    for (String bad : new String[] {"Mars/Olympus", "Berlin", "UTC+25", "EST", "europe/berlin"}) {
      assertEquals(
          "CORES_TIME_ZONE: \"" + bad + "\" is not an IANA time zone name such as Europe/Berlin",
          error(env("CORES_TIME_ZONE", bad)).getMessage());
    }
  }

  @Test
  void theTimeZoneIsAnIanaRegionNameNotAFixedOffset() throws Exception {
    for (String offset : new String[] {"+02:00", "UTC+2", "Z", "-05:00"}) {
      assertEquals(
          "CORES_TIME_ZONE: \""
              + offset
              + "\" is a fixed offset, not an IANA time zone name such as Europe/Berlin",
          error(env("CORES_TIME_ZONE", offset)).getMessage());
    }
    for (String region : new String[] {"UTC", "Europe/Berlin", "America/New_York", "Etc/GMT-2"}) {
      assertEquals(ZoneId.of(region), parse(env("CORES_TIME_ZONE", region)).jobs().zone());
    }
  }

  @Test
  void aWeakSecretKeyIsWarnedAboutWithoutDebugAndNeverShown() throws Exception {
    String warning =
        "SECRET_KEY is weak (fewer than 50 characters or fewer than 5 different ones): sessions"
            + " and CSRF tokens signed with it can be forged; set 50 or more random characters";
    for (String weak : new String[] {"abc", KEY.substring(0, 49), "ab".repeat(40)}) {
      Settings s = parse(env("SECRET_KEY", weak));
      assertEquals(List.of(warning), s.warnings(), weak);
    }
    assertEquals(List.of(), parse(env("SECRET_KEY", "abc", "DEBUG", "True")).warnings());
    assertEquals(List.of(), parse(env()).warnings());
  }

  @ParameterizedTest
  @CsvSource({
    "True,true",
    "true,true",
    "TRUE,true",
    "1,true",
    "yes,true",
    "Yes,true",
    " True ,true",
    "False,false",
    "false,false",
    "0,false",
    "no,false",
    "NO,false",
    "'',false"
  })
  void booleansAcceptTheOriginalsSpellings(String value, boolean expected) throws Exception {
    assertEquals(expected, parse(env("DEBUG", value)).debug());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DEBUG"})
  void anyOtherBooleanIsAnErrorNamingTheVariable(String variable) {
    EnvironmentException e = error(env(variable, "maybe"));
    assertEquals(variable + ": \"maybe\" is not a boolean (use True or False)", e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POSTGRES_PORT", "CORES_HTTP_PORT"})
  void portsAreOneTo65535(String variable) throws Exception {
    for (String bad : new String[] {"0", "65536", "-1", "http", "80.5"}) {
      assertEquals(
          variable + ": \"" + bad + "\" is not a port number (1 to 65535)",
          error(env(variable, bad)).getMessage());
    }
    Settings s = parse(env(variable, "65535", "POSTGRES_HOST", "db"));
    int port =
        variable.equals("POSTGRES_PORT") ? s.externalDatabase().orElseThrow().port() : s.httpPort();
    assertEquals(65535, port);
  }

  @Test
  void numbersAreBounded() throws Exception {
    assertEquals(
        "CORES_DB_POOL_SIZE: \"0\" is not a whole number from 1 to 1000",
        error(env("CORES_DB_POOL_SIZE", "0")).getMessage());
    assertEquals(
        "CORES_DB_WAIT_SECONDS: \"soon\" is not a whole number from 0 to 3600",
        error(env("CORES_DB_WAIT_SECONDS", "soon")).getMessage());
    assertEquals(25, parse(env("CORES_DB_POOL_SIZE", "25")).poolSize());
    assertEquals(0, parse(env("CORES_DB_WAIT_SECONDS", "0")).databaseWaitSeconds());
    assertEquals(
        "CORES_MAIL_RETRY_SECONDS: \"0\" is not a whole number from 1 to 3600",
        error(env("CORES_MAIL_RETRY_SECONDS", "0")).getMessage());
    assertEquals(30, parse(env()).mailRetrySeconds());
    assertEquals(5, parse(env("CORES_MAIL_RETRY_SECONDS", "5")).mailRetrySeconds());
  }

  @Test
  void secretKeyIsRequiredWithoutDebug() throws Exception {
    Map<String, String> env = env();
    env.remove("SECRET_KEY");
    assertEquals("SECRET_KEY: required when DEBUG is False", error(env).getMessage());
    env.put("SECRET_KEY", "   ");
    assertEquals("SECRET_KEY: required when DEBUG is False", error(env).getMessage());
    env.put("DEBUG", "True");
    Settings s = parse(env);
    assertEquals(Optional.empty(), s.secretKey());
    assertFalse(s.maskedView().containsKey("SECRET_KEY"));
    Settings withKey = s.withSecretKey("generated");
    assertEquals(Optional.of("generated"), withKey.secretKey());
    assertEquals(Variable.MASK, withKey.maskedView().get("SECRET_KEY"));
  }

  /** {@code bin/cores createsuperuser} as the README prints it: no SECRET_KEY, no DEBUG. */
  @Test
  void aCommandNeedsNoSecretKey() throws Exception {
    Settings s = EnvironmentParser.parse(Map.of(), CWD, RunMode.COMMAND, java.util.Set.of());
    assertEquals(Optional.empty(), s.secretKey());
    assertFalse(s.debug());
  }

  @Test
  void hostname() throws Exception {
    assertEquals("cores.example.org", parse(env("HOSTNAME", "cores.example.org")).hostname());
    assertEquals("10.0.0.1", parse(env("HOSTNAME", "10.0.0.1")).hostname());
    assertEquals("::1", parse(env("HOSTNAME", "::1")).hostname());
    assertEquals(
        "HOSTNAME: \"cores example\" is not a host name",
        error(env("HOSTNAME", "cores example")).getMessage());
    assertEquals(
        "HOSTNAME: \"http://x\" is not a host name",
        error(env("HOSTNAME", "http://x")).getMessage());
  }

  @Test
  void trustedProxiesAreHostNamesOrAddresses() throws Exception {
    assertEquals(List.of("127.0.0.1", "::1", "nginx"), parse(env()).trustedProxies());
    assertEquals(
        List.of("10.0.0.2", "proxy.example.org"),
        parse(env("CORES_TRUSTED_PROXIES", " 10.0.0.2 , proxy.example.org")).trustedProxies());
    assertEquals(
        "CORES_TRUSTED_PROXIES: \"10.0.0.0/8\" is not a host name or address",
        error(env("CORES_TRUSTED_PROXIES", "nginx,10.0.0.0/8")).getMessage());
  }

  @Test
  void httpAddressIsLoopbackForTheQuickStartAndEveryInterfaceOtherwise() throws Exception {
    assertEquals("", parse(env()).httpAddress());
    assertEquals("*", parse(env()).maskedView().get("CORES_HTTP_ADDRESS"));
    Settings quickStart = parse(env("DEBUG", "True"));
    assertEquals("127.0.0.1", quickStart.httpAddress());
    assertEquals("127.0.0.1", quickStart.maskedView().get("CORES_HTTP_ADDRESS"));
    assertEquals("", parse(env("DEBUG", "True", "CORES_HTTP_ADDRESS", " * ")).httpAddress());
    for (String address :
        List.of("10.0.0.5", "0.0.0.0", "::", "::1", "2001:db8::8", "::ffff:10.0.0.5")) {
      assertEquals(address, parse(env("CORES_HTTP_ADDRESS", address)).httpAddress());
    }
    for (String bad :
        List.of(
            "localhost",
            "cores.example.org",
            "256.1.1.1",
            "10.0.0",
            "010.0.0.1",
            "[::1]",
            "1::2::3",
            "::g")) {
      EnvironmentException e = error(env("CORES_HTTP_ADDRESS", bad));
      assertEquals(
          "CORES_HTTP_ADDRESS: \""
              + bad
              + "\" is not an IP address of this machine (e.g. 127.0.0.1, ::1 or 10.0.0.5) nor *"
              + " (every interface)",
          e.getMessage());
      assertEquals(2, e.exitCode());
    }
  }

  @Test
  void trustedOriginsAreSchemeHostAndPort() throws Exception {
    assertEquals(List.of(), parse(env()).trustedOrigins());
    assertEquals(
        List.of("https://cores.example.org", "http://10.0.0.2:8080", "https://[2001:db8::1]:8443"),
        parse(
                env(
                    "CORES_TRUSTED_ORIGINS",
                    " https://cores.example.org , http://10.0.0.2:8080,https://[2001:db8::1]:8443"))
            .trustedOrigins());
    for (String bad :
        List.of(
            "cores.example.org",
            "https://cores.example.org/",
            "ftp://cores.example.org",
            "https://cores.example.org:0",
            "https://cores.example.org:",
            "https://user@cores.example.org",
            "https://*.example.org",
            "https://::1",
            "")) {
      EnvironmentException e = error(env("CORES_TRUSTED_ORIGINS", "https://ok.example," + bad));
      assertEquals(
          "CORES_TRUSTED_ORIGINS: \""
              + bad
              + "\" is not an origin: http:// or https://, a host name or address, maybe :port,"
              + " nothing after it (e.g. https://cores.example.com)",
          e.getMessage());
      assertEquals(2, e.exitCode());
    }
  }

  @Test
  void httpMaxActiveIsAWholeNumberAndZeroLeavesTheServersDefault() throws Exception {
    assertEquals(0, parse(env()).httpMaxActive());
    assertEquals(6, parse(env("CORES_HTTP_MAX_ACTIVE", "6")).httpMaxActive());
    assertEquals(
        "CORES_HTTP_MAX_ACTIVE: \"-1\" is not a whole number from 0 to 10000",
        error(env("CORES_HTTP_MAX_ACTIVE", "-1")).getMessage());
  }

  @Test
  void externalDatabase() throws Exception {
    Settings s =
        parse(
            env(
                "POSTGRES_HOST", "db",
                "POSTGRES_PORT", "6543",
                "POSTGRES_DB", "lab",
                "POSTGRES_USER", "cores",
                "POSTGRES_PASSWORD", "pw"));
    Database db = s.externalDatabase().orElseThrow();
    assertEquals("jdbc:postgresql://db:6543/lab", db.jdbcUrl());
    assertEquals(Optional.of("cores"), db.user());
    assertEquals(Optional.of("pw"), db.password());
    assertEquals("db:6543", db.address());
    assertFalse(db.toString().contains("pw"));
    assertEquals("lab", s.databaseName());
    assertEquals(
        "POSTGRES_DB: \"x;drop\" is not a database name (letters, digits, _ and -, at most 63)",
        error(env("POSTGRES_DB", "x;drop")).getMessage());
  }

  @Test
  void ipv6DatabaseHostIsBracketedInTheUrl() throws Exception {
    Database db = parse(env("POSTGRES_HOST", "::1")).externalDatabase().orElseThrow();
    assertEquals("jdbc:postgresql://[::1]:5432/cores", db.jdbcUrl());
  }

  @Test
  void pathsAreResolvedAgainstTheWorkingDirectory() throws Exception {
    Settings s = parse(env("CORES_DATA", "/var/lib/cores", "CORES_PLUGINS", "../plugins"));
    assertEquals(Path.of("/var/lib/cores"), s.dataDirectory());
    assertEquals(Path.of("/srv/plugins"), s.pluginsDirectory());
  }

  @Test
  void maskedViewShowsEffectiveValuesWithSecretsMaskedAndUnsetOmitted() throws Exception {
    Settings s =
        parse(
            env(
                "SECRET_KEY", "topsecret",
                "DEBUG", "yes",
                "POSTGRES_HOST", "db",
                "POSTGRES_PASSWORD", "dbpw"));
    Map<String, String> view = s.maskedView();
    assertEquals("****", view.get("SECRET_KEY"));
    assertEquals("****", view.get("POSTGRES_PASSWORD"));
    assertEquals("True", view.get("DEBUG"));
    assertEquals("db", view.get("POSTGRES_HOST"));
    assertEquals("localhost", view.get("HOSTNAME"));
    assertEquals("8000", view.get("CORES_HTTP_PORT"));
    assertEquals("/srv/cores/data", view.get("CORES_DATA"));
    assertFalse(view.containsKey("POSTGRES_USER"));
    for (String value : view.values()) {
      assertFalse(value.contains("pw") || value.contains("topsecret"), value);
    }
    assertFalse(s.toString().contains("topsecret"));
    // every variable with a default is shown
    for (Variable v : Variable.values()) {
      if (v.defaultValue().isPresent()) {
        assertTrue(view.containsKey(v.name()), v.name());
      }
    }
  }

  @Test
  void unknownVariablesWithOurPrefixesOrTheFeaturesAreWarnedAbout() throws Exception {
    Settings s =
        EnvironmentParser.parse(
            env(
                "LDAP_SERCH_PATH", "typo",
                "CORES_HTTP_PROT", "1",
                "CORES_JAVA_OPTS", "-Xmx1g",
                "CORES_SUPERUSER_PASSWORD", "x",
                "PATH", "/bin",
                "POSTGRES_INITDB_ARGS", "x",
                "LDAP_SEARCH_PATH", "dc=example"),
            CWD,
            RunMode.SERVER,
            java.util.Set.of("LDAP_SEARCH_PATH", "LDAP_AUTH"));
    assertEquals(
        java.util.List.of(
            "CORES_HTTP_PROT is not a Cores variable and is ignored",
            "LDAP_SERCH_PATH is not a Cores variable and is ignored"),
        s.warnings());
  }
}
