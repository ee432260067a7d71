package cores.ldap.common;

import static cores.ldap.testserver.LdapTestServer.JANE;
import static cores.ldap.testserver.LdapTestServer.JANE_PASSWORD;
import static cores.ldap.testserver.LdapTestServer.userDn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.AuthenticationUnavailableException;
import cores.ldap.testserver.LdapTestServer;
import cores.ldap.testserver.TestCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Binds against a real LDAP server over TCP: plain, StartTLS and ldaps. */
class DirectoryTest {
  private static LdapTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LdapTestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Directory directory(String uri, boolean startTls, String caFile) {
    return new Directory(
        LdapSettings.of(uri, startTls, 5, caFile, true),
        TestCodec.create(),
        new Trace(LoggerFactory.getLogger(DirectoryTest.class), true));
  }

  @Test
  void rightPasswordReadsTheEntry() throws Exception {
    UserEntry entry =
        directory(server.ldapUri(), false, null)
            .bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray())
            .orElseThrow();
    assertEquals("Jane", entry.givenName());
    assertEquals("Doe", entry.sn());
    assertEquals("jane.doe@contoso.com", entry.mail());
    assertTrue(
        entry.memberOf().contains("cn=lab admins,ou=groups,ou=all sites,dc=contoso,dc=com"),
        entry.memberOf().toString());
  }

  @Test
  void wrongOrEmptyPasswordAndUnknownDnAreNo() throws Exception {
    Directory d = directory(server.ldapUri(), false, null);
    assertEquals(Optional.empty(), d.bindAndRead(userDn(JANE), "wrong".toCharArray()));
    assertEquals(Optional.empty(), d.bindAndRead(userDn(JANE), new char[0]));
    assertEquals(Optional.empty(), d.bindAndRead(userDn("Nobody"), JANE_PASSWORD.toCharArray()));
    assertEquals(Optional.empty(), d.bindAndRead("not a dn", JANE_PASSWORD.toCharArray()));
  }

  @Test
  void startTlsAndLdapsWithTheServersCertificate() throws Exception {
    String ca = server.caFile().toString();
    assertTrue(
        directory(server.ldapUri(), true, ca)
            .bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray())
            .isPresent());
    assertTrue(
        directory(server.ldapsUri(), false, ca)
            .bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray())
            .isPresent());
  }

  @Test
  void untrustedCertificateIsUnavailableNotWrongPassword() {
    // the JVM's trust store does not hold the throwaway certificate
    Directory d = directory(server.ldapsUri(), false, null);
    assertThrows(
        AuthenticationUnavailableException.class,
        () -> d.bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray()));
    Directory tls = directory(server.ldapUri(), true, null);
    assertThrows(
        AuthenticationUnavailableException.class,
        () -> tls.bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray()));
  }

  @Test
  void certificateForAnotherHostIsRefused() {
    // same server and trusted certificate, but reached by a name the certificate does not carry
    String uri = server.ldapsUri().replace("127.0.0.1", "127.0.0.2");
    Directory d = directory(uri, false, server.caFile().toString());
    assertThrows(
        AuthenticationUnavailableException.class,
        () -> d.bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray()));
  }

  @Test
  void serverDownIsUnavailableAndQuick() throws Exception {
    try (LdapTestServer down = LdapTestServer.start()) {
      String uri = down.ldapUri();
      down.stop();
      Directory d = directory(uri, false, null);
      Instant start = Instant.now();
      assertThrows(
          AuthenticationUnavailableException.class,
          () -> d.bindAndRead(userDn(JANE), JANE_PASSWORD.toCharArray()));
      assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0);
    }
  }

  @Test
  void settingsAreCheckedAndNamed() {
    assertEquals(636, LdapSettings.of("ldaps://dc1", false, 5, null, false).port());
    assertEquals(389, LdapSettings.of("ldap://dc1", true, 5, null, false).port());
    assertThrows(
        IllegalArgumentException.class, () -> LdapSettings.of("http://x", false, 5, null, false));
    assertThrows(
        IllegalArgumentException.class, () -> LdapSettings.of("ldaps://x", true, 5, null, false));
    assertThrows(
        IllegalArgumentException.class, () -> LdapSettings.of("ldap://x", false, 0, null, false));
  }
}
