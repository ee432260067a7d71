package cores.launcher.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional LDAP variables beyond the original's (LDAP_STARTTLS, LDAP_GROUP_MAP, ...). */
class LdapOptionsTest {

  private static Map<String, String> ldap(String mode, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("SECRET_KEY", "k3y");
    env.put(mode, "True");
    env.put("LDAP_URI", "ldap://dc1.contoso.com");
    env.put("LDAP_BIND_DN", "CN=svc,DC=contoso,DC=com");
    env.put("LDAP_BIND_PASS", "pw");
    env.put("LDAP_SEARCH_PATH", "OU=All Sites,DC=contoso,DC=com");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static Map<String, Object> properties(Map<String, String> env, Path dir)
      throws EnvironmentException {
    return EnvironmentParser.parse(env, dir).authProvider().orElseThrow().properties(false);
  }

  @Test
  void defaultsAreLeftToTheProvider(@TempDir Path dir) throws Exception {
    for (String mode : new String[] {"LDAP_AUTH", "LDAP_AUTH_DIRECT"}) {
      Map<String, Object> p = properties(ldap(mode, "LDAP_TIMEOUT_SECONDS", "10"), dir);
      assertFalse(p.containsKey("startTls"), mode);
      assertFalse(p.containsKey("timeoutSeconds"), mode);
      assertFalse(p.containsKey("caFile"), mode);
      assertFalse(p.containsKey("groupMap"), mode);
      assertFalse(p.containsKey("requireGroup"), mode);
    }
  }

  @Test
  void everyOptionReachesBothModes(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "pem");
    for (String mode : new String[] {"LDAP_AUTH", "LDAP_AUTH_DIRECT"}) {
      Map<String, Object> p =
          properties(
              ldap(
                  mode,
                  "LDAP_STARTTLS",
                  "True",
                  "LDAP_TIMEOUT_SECONDS",
                  "3",
                  "LDAP_CA_FILE",
                  "ca.pem",
                  "LDAP_GROUP_MAP",
                  "CN=Lab Admins,OU=Groups,DC=contoso,DC=com=Admins;",
                  "LDAP_STAFF_GROUP",
                  "CN=Lab Staff,DC=contoso,DC=com",
                  "LDAP_SUPERUSER_GROUP",
                  "CN=Lab Admins,OU=Groups,DC=contoso,DC=com",
                  "LDAP_REQUIRE_GROUP",
                  "CN=Lab Users,DC=contoso,DC=com"),
              dir);
      assertEquals(true, p.get("startTls"));
      assertEquals(3, p.get("timeoutSeconds"));
      assertEquals(dir.resolve("ca.pem").toString(), p.get("caFile"));
      assertEquals("CN=Lab Admins,OU=Groups,DC=contoso,DC=com=Admins;", p.get("groupMap"));
      assertEquals("CN=Lab Staff,DC=contoso,DC=com", p.get("staffGroup"));
      assertEquals("CN=Lab Admins,OU=Groups,DC=contoso,DC=com", p.get("superuserGroup"));
      assertEquals("CN=Lab Users,DC=contoso,DC=com", p.get("requireGroup"));
    }
  }

  @Test
  void mistakesNameTheVariable(@TempDir Path dir) {
    assertEquals(
        "LDAP_STARTTLS: cannot be combined with an ldaps:// LDAP_URI (already TLS)",
        assertThrows(
                EnvironmentException.class,
                () ->
                    properties(
                        ldap("LDAP_AUTH", "LDAP_URI", "ldaps://dc1", "LDAP_STARTTLS", "True"), dir))
            .getMessage());
    assertEquals(
        "LDAP_TIMEOUT_SECONDS",
        assertThrows(
                EnvironmentException.class,
                () -> properties(ldap("LDAP_AUTH", "LDAP_TIMEOUT_SECONDS", "0"), dir))
            .getMessage()
            .split(":")[0]);
    assertEquals(
        "LDAP_CA_FILE",
        assertThrows(
                EnvironmentException.class,
                () -> properties(ldap("LDAP_AUTH_DIRECT", "LDAP_CA_FILE", "missing.pem"), dir))
            .getMessage()
            .split(":")[0]);
    assertEquals(
        "LDAP_GROUP_MAP: \"Admins\" is not <group DN>=<Cores group> (entries separated by ;)",
        assertThrows(
                EnvironmentException.class,
                () -> properties(ldap("LDAP_AUTH", "LDAP_GROUP_MAP", "CN=x=A;Admins"), dir))
            .getMessage());
  }

  @Test
  void groupSettingsAreNotCheckedWithoutAnLdapMode(@TempDir Path dir) throws Exception {
    Settings s =
        EnvironmentParser.parse(Map.of("SECRET_KEY", "k", "LDAP_GROUP_MAP", "Admins"), dir);
    assertEquals("False", s.maskedView().get("LDAP_STARTTLS"));
    assertEquals("10", s.maskedView().get("LDAP_TIMEOUT_SECONDS"));
    assertFalse(s.authProvider().isPresent());
  }
}
