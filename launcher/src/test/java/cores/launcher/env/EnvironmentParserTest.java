package cores.launcher.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentParserTest {

  private static final Path CWD = Path.of("/srv/cores");

  /** The smallest valid production environment. */
  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("SECRET_KEY", "k3y");
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
    assertEquals(Optional.of("k3y"), s.secretKey());
    assertFalse(s.debug());
    assertEquals(Optional.empty(), s.externalDatabase());
    assertEquals("cores", s.databaseName());
    assertEquals(10, s.poolSize());
    assertEquals(30, s.databaseWaitSeconds());
    assertEquals(8000, s.httpPort());
    assertEquals(Path.of("/srv/cores/data"), s.dataDirectory());
    assertEquals(Path.of("/srv/cores/plugins"), s.pluginsDirectory());
    assertEquals(Optional.empty(), s.authProvider());
    assertFalse(s.authLogging());
    assertEquals(Optional.empty(), s.smtp());
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
      assertEquals(Variable.valueOf(variable), e.variable());
    }
  }

  @Test
  void aBadTimeZoneIsAnErrorNamingTheVariable() {
    for (String bad : new String[] {"Mars/Olympus", "Berlin", "UTC+25"}) {
      assertEquals(
          "CORES_TIME_ZONE: \""
              + bad
              + "\" is not a time zone (an IANA name such as Europe/Berlin)",
          error(env("CORES_TIME_ZONE", bad)).getMessage());
    }
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
    assertEquals(expected, parse(env("LDAP_LOGGING", value)).authLogging());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DEBUG",
        "LDAP_AUTH",
        "LDAP_AUTH_DIRECT",
        "LDAP_LOGGING",
        "KERBEROS_AUTH",
        "SMTP_STARTTLS",
        "SMTP_SSL"
      })
  void anyOtherBooleanIsAnErrorNamingTheVariable(String variable) {
    EnvironmentException e = error(env(variable, "maybe"));
    assertEquals(variable + ": \"maybe\" is not a boolean (use True or False)", e.getMessage());
    assertEquals(Variable.valueOf(variable), e.variable());
    assertEquals(2, e.exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POSTGRES_PORT", "SMTP_PORT", "CORES_HTTP_PORT"})
  void portsAreOneTo65535(String variable) throws Exception {
    for (String bad : new String[] {"0", "65536", "-1", "http", "80.5"}) {
      assertEquals(
          variable + ": \"" + bad + "\" is not a port number (1 to 65535)",
          error(env(variable, bad)).getMessage());
    }
    Settings s = parse(env(variable, "65535", "SMTP_SERVER", "mail", "POSTGRES_HOST", "db"));
    int port =
        switch (variable) {
          case "POSTGRES_PORT" -> s.externalDatabase().orElseThrow().port();
          case "SMTP_PORT" -> s.smtp().orElseThrow().port();
          default -> s.httpPort();
        };
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
    Settings s = EnvironmentParser.parse(Map.of(), CWD, RunMode.COMMAND);
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

  static Stream<Arguments> providers() {
    Map<String, String> ldap =
        Map.of(
            "LDAP_URI", "ldaps://ldap.example",
            "LDAP_BIND_DN", "cn=reader,dc=example",
            "LDAP_BIND_PASS", "bindpw",
            "LDAP_SEARCH_PATH", "ou=people,dc=example",
            "KERBEROS_REALM", "EXAMPLE.ORG");
    return Stream.of(
        Arguments.of(ldap, "True", "True", "True", AuthProvider.Ldap.class),
        Arguments.of(ldap, "True", "False", "False", AuthProvider.Ldap.class),
        Arguments.of(ldap, "False", "True", "True", AuthProvider.LdapDirect.class),
        Arguments.of(ldap, "False", "True", "False", AuthProvider.LdapDirect.class),
        Arguments.of(ldap, "False", "False", "True", AuthProvider.Kerberos.class),
        Arguments.of(ldap, "False", "False", "False", null));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void precedenceIsLdapThenDirectThenKerberos(
      Map<String, String> values,
      String ldap,
      String direct,
      String kerberos,
      Class<? extends AuthProvider> expected)
      throws Exception {
    Map<String, String> env = env();
    env.putAll(values);
    env.put("LDAP_AUTH", ldap);
    env.put("LDAP_AUTH_DIRECT", direct);
    env.put("KERBEROS_AUTH", kerberos);
    Settings s = parse(env);
    if (expected == null) {
      assertEquals(Optional.empty(), s.authProvider());
    } else {
      assertInstanceOf(expected, s.authProvider().orElseThrow());
    }
  }

  @Test
  void ignoredProvidersAreWarnedAbout() throws Exception {
    Settings s =
        parse(
            env(
                "LDAP_AUTH_DIRECT", "True",
                "KERBEROS_AUTH", "True",
                "LDAP_URI", "ldap://l",
                "LDAP_SEARCH_PATH", "dc=x"));
    assertEquals(
        java.util.List.of("KERBEROS_AUTH is ignored because LDAP_AUTH_DIRECT is True"),
        s.warnings());
  }

  @ParameterizedTest
  @CsvSource({
    "LDAP_AUTH,LDAP_URI", "LDAP_AUTH,LDAP_BIND_DN", "LDAP_AUTH,LDAP_BIND_PASS",
    "LDAP_AUTH,LDAP_SEARCH_PATH", "LDAP_AUTH_DIRECT,LDAP_URI", "LDAP_AUTH_DIRECT,LDAP_SEARCH_PATH",
    "KERBEROS_AUTH,KERBEROS_REALM"
  })
  void requiredValuesOfASwitchedOnProvider(String switchVariable, String missing) {
    Map<String, String> env =
        env(
            switchVariable,
            "True",
            "LDAP_URI",
            "ldap://ldap.example",
            "LDAP_BIND_DN",
            "cn=reader",
            "LDAP_BIND_PASS",
            "bindpw",
            "LDAP_SEARCH_PATH",
            "dc=example",
            "KERBEROS_REALM",
            "EXAMPLE.ORG");
    env.remove(missing);
    EnvironmentException e = error(env);
    assertEquals(missing + ": required when " + switchVariable + " is True", e.getMessage());
    env.put(missing, "");
    assertEquals(
        missing + ": required when " + switchVariable + " is True", error(env).getMessage());
  }

  @Test
  void providerValuesAreNotRequiredWhenSwitchedOff() throws Exception {
    assertEquals(Optional.empty(), parse(env("LDAP_AUTH", "False")).authProvider());
  }

  @Test
  void ldapUriMustBeLdap() {
    assertEquals(
        "LDAP_URI: \"http://ldap\" must start with ldap:// or ldaps://",
        error(
                env(
                    "LDAP_AUTH_DIRECT",
                    "True",
                    "LDAP_URI",
                    "http://ldap",
                    "LDAP_SEARCH_PATH",
                    "dc=x"))
            .getMessage());
  }

  @Test
  void ldapSearchThenBind() throws Exception {
    Settings s =
        parse(
            env(
                "LDAP_AUTH", "True",
                "LDAP_URI", "ldaps://ldap.example",
                "LDAP_BIND_DN", "cn=reader,dc=example",
                "LDAP_BIND_PASS", "bindpw",
                "LDAP_SEARCH_PATH", "ou=people,dc=example",
                "LDAP_LOGGING", "True"));
    AuthProvider p = s.authProvider().orElseThrow();
    assertEquals("cores.auth.ldap", p.pid());
    assertEquals("auth-ldap", p.feature());
    assertEquals(Variable.LDAP_AUTH, p.switchedOnBy());
    assertEquals(
        Map.of(
            "uri", "ldaps://ldap.example",
            "bindDn", "cn=reader,dc=example",
            "bindPassword", "bindpw",
            "searchPath", "ou=people,dc=example",
            "logging", true),
        p.properties(s.authLogging()));
    assertFalse(p.toString().contains("bindpw"));
  }

  @Test
  void ldapDirect() throws Exception {
    AuthProvider p =
        parse(
                env(
                    "LDAP_AUTH_DIRECT", "yes",
                    "LDAP_URI", "ldap://ldap.example",
                    "LDAP_SEARCH_PATH", "dc=example"))
            .authProvider()
            .orElseThrow();
    assertEquals("cores.auth.ldapdirect", p.pid());
    assertEquals("auth-ldap-direct", p.feature());
    assertEquals(
        Map.of("uri", "ldap://ldap.example", "searchPath", "dc=example", "logging", false),
        p.properties(false));
  }

  @Test
  void kerberos() throws Exception {
    AuthProvider p =
        parse(
                env(
                    "KERBEROS_AUTH", "True",
                    "KERBEROS_REALM", "EXAMPLE.ORG",
                    "KERBEROS_SERVICE", "HTTP/cores.example.org",
                    "KERBEROS_KDC", "kdc.example.org:88",
                    "KRB5_CONFIG", "/etc/krb5.conf",
                    "KERBEROS_KEYTAB", "/etc/cores.keytab"))
            .authProvider()
            .orElseThrow();
    assertEquals("cores.auth.kerberos", p.pid());
    assertEquals("auth-kerberos", p.feature());
    assertEquals(
        Map.of(
            "realm", "EXAMPLE.ORG",
            "service", "HTTP/cores.example.org",
            "kdc", "kdc.example.org:88",
            "krb5Config", "/etc/krb5.conf",
            "keytab", "/etc/cores.keytab",
            "logging", true),
        p.properties(true));
    Map<String, String> minimal = env("KERBEROS_AUTH", "True", "KERBEROS_REALM", "EXAMPLE.ORG");
    assertEquals(
        Map.of("realm", "EXAMPLE.ORG", "logging", false),
        parse(minimal).authProvider().orElseThrow().properties(false));
    minimal.put("KERBEROS_KEYTAB", "/etc/cores.keytab");
    assertEquals(
        "KERBEROS_SERVICE: required when KERBEROS_KEYTAB is set", error(minimal).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"False", "false", "0", "no", "", "  "})
  void smtpServerFalseOrEmptyMeansNoMail(String value) throws Exception {
    Settings s = parse(env("SMTP_SERVER", value));
    assertEquals(Optional.empty(), s.smtp());
    assertEquals("False", s.maskedView().get("SMTP_SERVER"));
  }

  @Test
  void smtp() throws Exception {
    Smtp smtp =
        parse(
                env(
                    "SMTP_SERVER", "mail.example.org",
                    "SMTP_PORT", "587",
                    "SMTP_FROM", "cores@example.org",
                    "SMTP_USER", "cores",
                    "SMTP_PASSWORD", "mailpw",
                    "SMTP_STARTTLS", "True"))
            .smtp()
            .orElseThrow();
    assertEquals(
        Map.of(
            "server", "mail.example.org",
            "port", 587,
            "from", "cores@example.org",
            "user", "cores",
            "password", "mailpw",
            "starttls", true,
            "ssl", false),
        smtp.properties());
    assertFalse(smtp.toString().contains("mailpw"));
    Smtp defaults = parse(env("SMTP_SERVER", "mail")).smtp().orElseThrow();
    assertEquals(25, defaults.port());
    assertEquals("noreply@cores.local", defaults.from());
    assertEquals(Optional.empty(), defaults.user());
  }

  @Test
  void smtpTlsModesExcludeEachOther() {
    assertEquals(
        "SMTP_SSL: cannot be combined with SMTP_STARTTLS (choose one)",
        error(env("SMTP_SERVER", "mail", "SMTP_SSL", "True", "SMTP_STARTTLS", "True"))
            .getMessage());
  }

  @Test
  void smtpPasswordNeedsAUser() {
    assertEquals(
        "SMTP_USER: required when SMTP_PASSWORD is set",
        error(env("SMTP_SERVER", "mail", "SMTP_PASSWORD", "pw")).getMessage());
  }

  @Test
  void maskedViewShowsEffectiveValuesWithSecretsMaskedAndUnsetOmitted() throws Exception {
    Settings s =
        parse(
            env(
                "SECRET_KEY", "topsecret",
                "DEBUG", "yes",
                "POSTGRES_HOST", "db",
                "POSTGRES_PASSWORD", "dbpw",
                "LDAP_BIND_PASS", "ldappw",
                "SMTP_SERVER", "mail",
                "SMTP_USER", "u",
                "SMTP_PASSWORD", "mailpw"));
    Map<String, String> view = s.maskedView();
    assertEquals("****", view.get("SECRET_KEY"));
    assertEquals("****", view.get("POSTGRES_PASSWORD"));
    assertEquals("****", view.get("LDAP_BIND_PASS"));
    assertEquals("****", view.get("SMTP_PASSWORD"));
    assertEquals("True", view.get("DEBUG"));
    assertEquals("db", view.get("POSTGRES_HOST"));
    assertEquals("localhost", view.get("HOSTNAME"));
    assertEquals("8000", view.get("CORES_HTTP_PORT"));
    assertEquals("/srv/cores/data", view.get("CORES_DATA"));
    assertFalse(view.containsKey("LDAP_URI"));
    assertFalse(view.containsKey("KERBEROS_REALM"));
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
  void unknownVariablesWithOurPrefixesAreWarnedAbout() throws Exception {
    Settings s =
        parse(
            env(
                "LDAP_SERCH_PATH", "typo",
                "CORES_HTTP_PROT", "1",
                "CORES_JAVA_OPTS", "-Xmx1g",
                "CORES_SUPERUSER_PASSWORD", "x",
                "PATH", "/bin",
                "POSTGRES_INITDB_ARGS", "x"));
    assertEquals(
        java.util.List.of(
            "CORES_HTTP_PROT is not a Cores variable and is ignored",
            "LDAP_SERCH_PATH is not a Cores variable and is ignored"),
        s.warnings());
  }
}
