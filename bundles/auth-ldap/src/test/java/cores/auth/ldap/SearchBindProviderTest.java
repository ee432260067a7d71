package cores.auth.ldap;

import static cores.ldap.testserver.LdapTestServer.ADMINS;
import static cores.ldap.testserver.LdapTestServer.JANE;
import static cores.ldap.testserver.LdapTestServer.JANE_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.JOHN;
import static cores.ldap.testserver.LdapTestServer.JOHN_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.LAB_USERS;
import static cores.ldap.testserver.LdapTestServer.SERVICE_DN;
import static cores.ldap.testserver.LdapTestServer.SERVICE_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.STAFF;
import static cores.ldap.testserver.LdapTestServer.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.ldap.testserver.Configs;
import cores.ldap.testserver.LdapTestServer;
import cores.ldap.testserver.TestCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

/** Search then bind against a real LDAP server over TCP. */
class SearchBindProviderTest {
  private static final String WEIRD = "weird,(name)*\\";
  private static final String WEIRD_PASSWORD = "Weird-Secret-3";
  private static LdapTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LdapTestServer.start();
    server.add(
        "dn: CN=weird\\,(name)*\\5c," + USERS,
        "objectClass: person",
        "cn: " + WEIRD,
        "sn: W",
        "userPassword: " + WEIRD_PASSWORD);
    // two entries with the same CN in different places: the name is ambiguous
    server.add("dn: OU=Lab," + USERS, "objectClass: organizationalUnit", "ou: Lab");
    server.add(
        "dn: CN=twin," + USERS, "objectClass: person", "cn: twin", "sn: A", "userPassword: Twin-1");
    server.add(
        "dn: CN=twin,OU=Lab," + USERS,
        "objectClass: person",
        "cn: twin",
        "sn: B",
        "userPassword: Twin-1");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static SearchBindProvider provider(Map<String, Object> overrides) throws Exception {
    Map<String, Object> values = new HashMap<>();
    values.put("uri", server.ldapUri());
    values.put("bindDn", SERVICE_DN);
    values.put("bindPassword", SERVICE_PASSWORD);
    values.put("searchPath", "OU=All Sites,DC=contoso,DC=com");
    values.put("logging", true);
    values.put("timeoutSeconds", 3);
    values.putAll(overrides);
    return new SearchBindProvider(Configs.of(LdapConfig.class, values), TestCodec.create());
  }

  private static Optional<Identity> login(SearchBindProvider p, String user, String password)
      throws AuthenticationUnavailableException {
    return p.authenticate(user, password.toCharArray());
  }

  @Test
  void findsBindsAndFillsTheProfile() throws Exception {
    SearchBindProvider p = provider(Map.of());
    try {
      Identity jane = login(p, JANE, JANE_PASSWORD).orElseThrow();
      assertEquals(
          new Identity("ldap", JANE, "Jane", "Doe", "jane.doe@contoso.com", null, null, null),
          jane);
      assertEquals(
          "jane doe", login(p, "jane doe", JANE_PASSWORD).orElseThrow().username().toLowerCase());
      assertEquals("ldap", p.name());
    } finally {
      p.close();
    }
  }

  @Test
  void wrongPasswordUnknownUserAndEmptyPasswordAreNo() throws Exception {
    SearchBindProvider p = provider(Map.of());
    try {
      assertEquals(Optional.empty(), login(p, JANE, "wrong"));
      assertEquals(Optional.empty(), login(p, "nobody", JANE_PASSWORD));
      assertEquals(Optional.empty(), login(p, JANE, ""));
      assertEquals(Optional.empty(), login(p, "", JANE_PASSWORD));
      assertEquals(Optional.empty(), login(p, "twin", "Twin-1"), "ambiguous name");
    } finally {
      p.close();
    }
  }

  @Test
  void injectionAttemptsMatchOnlyLiterally() throws Exception {
    SearchBindProvider p = provider(Map.of());
    try {
      for (String hostile :
          List.of(
              "*",
              "Jane*",
              "*)(cn=*",
              "Jane Doe)(",
              ")(",
              "\\",
              "Jane Doe\0",
              "J*e Doe",
              "Jane Doe,OU=Users")) {
        assertEquals(Optional.empty(), login(p, hostile, JANE_PASSWORD), hostile);
      }
      // the same characters in a real name work
      assertEquals(WEIRD, login(p, WEIRD, WEIRD_PASSWORD).orElseThrow().username());
    } finally {
      p.close();
    }
  }

  @Test
  void groupsMapToCoresGroupsAndFlags() throws Exception {
    SearchBindProvider p =
        provider(
            Map.of(
                "groupMap", ADMINS + "=Admins;" + LAB_USERS.toLowerCase() + "=Users",
                "staffGroup", STAFF,
                "superuserGroup", ADMINS));
    try {
      Identity jane = login(p, JANE, JANE_PASSWORD).orElseThrow();
      assertEquals(Set.of("Admins", "Users"), jane.groups());
      assertEquals(true, jane.staff());
      assertEquals(true, jane.superuser());
      Identity john = login(p, JOHN, JOHN_PASSWORD).orElseThrow();
      assertEquals(Set.of(), john.groups());
      assertEquals(false, john.staff());
      assertEquals(false, john.superuser());
    } finally {
      p.close();
    }
  }

  @Test
  void requiredGroupKeepsOthersOut() throws Exception {
    SearchBindProvider p = provider(Map.of("requireGroup", LAB_USERS));
    try {
      Identity jane = login(p, JANE, JANE_PASSWORD).orElseThrow();
      assertNull(jane.groups(), "no group map: groups are left alone");
      assertEquals(Optional.empty(), login(p, JOHN, JOHN_PASSWORD));
    } finally {
      p.close();
    }
  }

  @Test
  void startTlsAndLdaps() throws Exception {
    String ca = server.caFile().toString();
    for (SearchBindProvider p :
        List.of(
            provider(Map.of("startTls", true, "caFile", ca)),
            provider(Map.of("uri", server.ldapsUri(), "caFile", ca)))) {
      try {
        assertTrue(login(p, JANE, JANE_PASSWORD).isPresent());
        assertEquals(Optional.empty(), login(p, JANE, "wrong"));
      } finally {
        p.close();
      }
    }
  }

  @Test
  void directoryDownIsUnavailableNotWrongPassword() throws Exception {
    try (LdapTestServer other = LdapTestServer.start()) {
      SearchBindProvider p = provider(Map.of("uri", other.ldapUri()));
      try {
        assertTrue(login(p, JANE, JANE_PASSWORD).isPresent());
        other.stop();
        assertThrows(AuthenticationUnavailableException.class, () -> login(p, JANE, JANE_PASSWORD));
        assertThrows(AuthenticationUnavailableException.class, () -> login(p, JANE, "wrong"));
        // an empty password never reaches the directory, so it is a plain no even now
        assertEquals(Optional.empty(), login(p, JANE, ""));
      } finally {
        p.close();
      }
    }
  }

  @Test
  void wrongSearchAccountIsUnavailable() throws Exception {
    SearchBindProvider p = provider(Map.of("bindPassword", "not-the-password"));
    try {
      assertThrows(AuthenticationUnavailableException.class, () -> login(p, JANE, JANE_PASSWORD));
    } finally {
      p.close();
    }
  }

  @Test
  void parallelLoginsShareThePool() throws Exception {
    SearchBindProvider p = provider(Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Optional<Identity>>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        boolean jane = i % 2 == 0;
        results.add(
            pool.submit(
                () -> jane ? login(p, JANE, JANE_PASSWORD) : login(p, JOHN, JOHN_PASSWORD)));
      }
      for (Future<Optional<Identity>> r : results) {
        assertTrue(r.get().isPresent());
      }
    } finally {
      pool.shutdown();
      p.close();
    }
  }

  private static ConfigurationException refusal(String property, Object value) {
    return assertThrows(ConfigurationException.class, () -> provider(Map.of(property, value)));
  }

  private static void assertRefused(String property, Object value, String reason) {
    ConfigurationException e = refusal(property, value);
    assertEquals(property, e.getProperty());
    assertEquals(reason, e.getReason());
  }

  /**
   * The checks CONFIG.md promises for LDAP_* values, made by the provider that owns them; the
   * platform names each property's variable (and the switch, for "required").
   */
  @Test
  void badSettingsAreRefusedByTheirProperty() {
    assertRefused("bindDn", " ", "required");
    assertRefused("bindPassword", "", "required");
    assertRefused("searchPath", "", "required");
    assertRefused("uri", "", "required");
    assertRefused("uri", "http://x", "\"http://x\" must start with ldap:// or ldaps://");
    assertRefused("searchPath", "no dn", "\"no dn\" is not a DN");
    assertRefused("timeoutSeconds", "soon", "\"soon\" is not a whole number from 1 to 300");
    assertRefused("timeoutSeconds", "0", "\"0\" is not a whole number from 1 to 300");
    assertRefused("startTls", "sometimes", "\"sometimes\" is not a boolean (use True or False)");
    assertRefused("logging", "loud", "\"loud\" is not a boolean (use True or False)");
    assertRefused("caFile", "/no/such/ca.pem", "\"/no/such/ca.pem\" cannot be read");
    assertRefused(
        "groupMap",
        "Admins",
        "\"Admins\" is not <group DN>=<Cores group> (entries separated by ;)");
    ConfigurationException both =
        assertThrows(
            ConfigurationException.class,
            () -> provider(Map.of("uri", "ldaps://x", "startTls", "True")));
    assertEquals("startTls", both.getProperty());
    assertEquals("cannot be combined with an ldaps:// {uri} (already TLS)", both.getReason());
  }
}
