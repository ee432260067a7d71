package cores.auth.ldapdirect;

import static cores.ldap.testserver.LdapTestServer.ADMINS;
import static cores.ldap.testserver.LdapTestServer.JANE;
import static cores.ldap.testserver.LdapTestServer.JANE_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.JOHN;
import static cores.ldap.testserver.LdapTestServer.JOHN_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.LAB_USERS;
import static cores.ldap.testserver.LdapTestServer.STAFF;
import static cores.ldap.testserver.LdapTestServer.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.ldap.testserver.Configs;
import cores.ldap.testserver.LdapTestServer;
import cores.ldap.testserver.TestCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Direct bind as CN=user,searchPath against a real LDAP server over TCP. */
class DirectBindProviderTest {
  private static final String WEIRD = "a,b+c=d\\ \"q\" <x>;#";
  private static final String WEIRD_PASSWORD = "Weird-Secret-4";
  private static LdapTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LdapTestServer.start();
    server.add(
        "dn: CN=a\\,b\\+c\\=d\\\\ \\\"q\\\" \\<x\\>\\;#," + USERS,
        "objectClass: person",
        "cn: " + WEIRD,
        "sn: W",
        "userPassword: " + WEIRD_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static DirectBindProvider provider(Map<String, Object> overrides) throws Exception {
    Map<String, Object> values = new HashMap<>();
    values.put("uri", server.ldapUri());
    values.put("searchPath", USERS);
    values.put("logging", true);
    values.put("timeoutSeconds", 3);
    values.putAll(overrides);
    return new DirectBindProvider(Configs.of(LdapDirectConfig.class, values), TestCodec.create());
  }

  private static Optional<Identity> login(DirectBindProvider p, String user, String password)
      throws AuthenticationUnavailableException {
    return p.authenticate(user, password.toCharArray());
  }

  @Test
  void bindsAndFillsTheProfile() throws Exception {
    DirectBindProvider p = provider(Map.of());
    assertEquals(
        new Identity("ldap-direct", JANE, "Jane", "Doe", "jane.doe@contoso.com", null, null, null),
        login(p, JANE, JANE_PASSWORD).orElseThrow());
    assertEquals("ldap-direct", p.name());
  }

  @Test
  void wrongPasswordUnknownUserAndEmptyPasswordAreNo() throws Exception {
    DirectBindProvider p = provider(Map.of());
    assertEquals(Optional.empty(), login(p, JANE, "wrong"));
    assertEquals(Optional.empty(), login(p, "nobody", JANE_PASSWORD));
    assertEquals(Optional.empty(), login(p, JANE, ""));
    assertEquals(Optional.empty(), login(p, " ", JANE_PASSWORD));
  }

  @Test
  void injectionAttemptsStayInTheirRdn() throws Exception {
    // with OU=All Sites as the path, an unescaped "Jane Doe,OU=Users" would be Jane's own DN
    DirectBindProvider wide = provider(Map.of("searchPath", "OU=All Sites,DC=contoso,DC=com"));
    assertEquals(Optional.empty(), login(wide, "Jane Doe,OU=Users", JANE_PASSWORD));
    DirectBindProvider p = provider(Map.of());
    for (String hostile : List.of("*", "Jane*", ")(", "\\", "Jane Doe\0", "Jane Doe+sn=Doe")) {
      assertEquals(Optional.empty(), login(p, hostile, JANE_PASSWORD), hostile);
    }
    assertEquals(WEIRD, login(p, WEIRD, WEIRD_PASSWORD).orElseThrow().username());
  }

  @Test
  void groupsMapAndRequiredGroup() throws Exception {
    DirectBindProvider p =
        provider(
            Map.of(
                "groupMap", ADMINS + "=Admins",
                "staffGroup", STAFF,
                "superuserGroup", ADMINS,
                "requireGroup", LAB_USERS));
    Identity jane = login(p, JANE, JANE_PASSWORD).orElseThrow();
    assertEquals(Set.of("Admins"), jane.groups());
    assertEquals(true, jane.staff());
    assertEquals(true, jane.superuser());
    assertEquals(Optional.empty(), login(p, JOHN, JOHN_PASSWORD), "not in the required group");
  }

  @Test
  void startTlsAndLdaps() throws Exception {
    String ca = server.caFile().toString();
    assertTrue(
        login(provider(Map.of("startTls", true, "caFile", ca)), JANE, JANE_PASSWORD).isPresent());
    assertTrue(
        login(provider(Map.of("uri", server.ldapsUri(), "caFile", ca)), JANE, JANE_PASSWORD)
            .isPresent());
  }

  @Test
  void directoryDownIsUnavailableNotWrongPassword() throws Exception {
    String uri;
    try (LdapTestServer other = LdapTestServer.start()) {
      uri = other.ldapUri();
    }
    DirectBindProvider p = provider(Map.of("uri", uri));
    assertThrows(AuthenticationUnavailableException.class, () -> login(p, JANE, JANE_PASSWORD));
    assertEquals(Optional.empty(), login(p, JANE, ""), "an empty password is never sent");
  }
}
