package cores.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.envconfig.Declaration;
import cores.envconfig.Resolved;
import cores.envconfig.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The distribution's features switch themselves on as CONFIG.md says: the data in the feature
 * files, read by the launcher's general rules, gives the original's precedence LDAP_AUTH, then
 * LDAP_AUTH_DIRECT, then KERBEROS_AUTH, and mail when SMTP_SERVER names a host.
 */
class FeatureSwitchesTest {
  private static final Path FEATURES = Path.of("../features/target/repository/features");
  private static final Path REPOSITORY = Path.of("../features/target/repository/bundles");

  private List<Declaration> declarations;

  @BeforeEach
  void readTheDistributionsFeatures() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(FEATURES), "features module not built");
    declarations =
        new FeatureReader(FEATURES, REPOSITORY)
            .readAll().stream().map(Feature::declaration).toList();
  }

  private List<String> chosen(String... pairs) throws Exception {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return Selection.of(declarations, env).chosen().stream().map(Declaration::name).toList();
  }

  /**
   * The plugins folder's feature has no switch: always on in a server (Main leaves it out of
   * commands).
   */
  @Test
  void withNothingSwitchedOnOnlyTheCoreAndThePluginsFolderRun() throws Exception {
    assertEquals(List.of("core", "plugins"), chosen());
    assertEquals(List.of("core", "plugins"), chosen("SMTP_SERVER", "False", "LDAP_AUTH", "no"));
  }

  @Test
  void theLoginProvidersPrecedenceIsLdapThenDirectThenKerberos() throws Exception {
    assertEquals(
        List.of("auth-ldap", "core", "plugins"),
        chosen("LDAP_AUTH", "True", "LDAP_AUTH_DIRECT", "True", "KERBEROS_AUTH", "True"));
    assertEquals(
        List.of("auth-ldap-direct", "core", "plugins"),
        chosen("LDAP_AUTH_DIRECT", "True", "KERBEROS_AUTH", "True"));
    assertEquals(List.of("auth-kerberos", "core", "plugins"), chosen("KERBEROS_AUTH", "1"));
    assertEquals(
        List.of("KERBEROS_AUTH is ignored because LDAP_AUTH_DIRECT is True"),
        Selection.of(declarations, Map.of("LDAP_AUTH_DIRECT", "True", "KERBEROS_AUTH", "True"))
            .warnings());
  }

  @Test
  void mailRunsWhenSmtpServerNamesAHost() throws Exception {
    assertEquals(
        List.of("core", "notify-smtp", "plugins"),
        chosen("SMTP_SERVER", "mail.example.org", "LDAP_AUTH", ""));
  }

  @Test
  void everySettingOfAProviderIsReadFromItsVariable() {
    Declaration ldap =
        declarations.stream().filter(d -> d.name().equals("auth-ldap")).findFirst().orElseThrow();
    Resolved config =
        ldap.resolve(
                Map.of(
                    "LDAP_URI", "ldap://dir",
                    "LDAP_BIND_DN", "cn=reader",
                    "LDAP_BIND_PASS", "pw",
                    "LDAP_SEARCH_PATH", "dc=example",
                    "LDAP_TIMEOUT_SECONDS", "5"))
            .get(0);
    assertEquals("cores.auth.ldap", config.pid());
    assertEquals(
        Map.of(
            "uri", "ldap://dir",
            "bindDn", "cn=reader",
            "bindPassword", "pw",
            "searchPath", "dc=example",
            "timeoutSeconds", "5"),
        config.properties());
    assertEquals(
        "LDAP_BIND_DN: required when LDAP_AUTH is True",
        config.explain("bindDn", "required").orElseThrow());
    assertTrue(ldap.variables().contains("LDAP_GROUP_MAP"));
  }
}
