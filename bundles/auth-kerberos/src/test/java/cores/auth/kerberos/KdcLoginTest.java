package cores.auth.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.HttpAuthenticationScheme.Outcome;
import cores.api.auth.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.Subject;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins against a real KDC (Kerby, in this JVM, over TCP) with the JDK's Kerberos. */
class KdcLoginTest {
  @TempDir static Path directory;
  static TestKdc kdc;

  @BeforeAll
  static void startKdc() throws Exception {
    kdc = new TestKdc(directory);
  }

  @AfterAll
  static void stopKdc() throws Exception {
    kdc.close();
  }

  static KdcLogin login(Optional<Path> keytab) throws Exception {
    return new KdcLogin(kdc.settings(keytab), Files.createTempFile(directory, "krb5", ".conf"));
  }

  @Test
  void rightPasswordIsTheUsersIdentity() throws Exception {
    try (KdcLogin login = login(Optional.empty())) {
      assertEquals(
          Optional.of(Identity.of("kerberos", "alice")),
          login.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
    }
  }

  @Test
  void wrongPasswordAndUnknownUserAreRefused() throws Exception {
    try (KdcLogin login = login(Optional.empty())) {
      assertEquals(Optional.empty(), login.authenticate(TestKdc.ALICE, "wonderland".toCharArray()));
      assertEquals(Optional.empty(), login.authenticate("nobody", "whatever".toCharArray()));
    }
  }

  @Test
  void emptyPasswordAndServicePrincipalsNeverReachTheKdc() throws Exception {
    try (KdcLogin login = login(Optional.empty())) {
      assertEquals(Optional.empty(), login.authenticate(TestKdc.ALICE, new char[0]));
      assertEquals(Optional.empty(), login.authenticate("krbtgt/CORES.TEST", "x".toCharArray()));
      assertEquals(Optional.empty(), login.authenticate("alice@EVIL.TEST", "x".toCharArray()));
    }
  }

  @Test
  void kdcDownIsUnavailableNotAWrongPassword() throws Exception {
    KerberosSettings down =
        new KerberosSettings(
            TestKdc.REALM,
            Optional.empty(),
            Optional.of("127.0.0.1:" + TestKdc.freePort()),
            Optional.empty(),
            Optional.empty(),
            false);
    try (KdcLogin login = new KdcLogin(down, directory.resolve("down.conf"))) {
      long start = System.nanoTime();
      assertThrows(
          AuthenticationUnavailableException.class,
          () -> login.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
      assertTrue(System.nanoTime() - start < 15_000_000_000L, "fails fast");
    }
  }

  @Test
  void keytabVerifiesTheKdcsAnswer() throws Exception {
    try (KdcLogin login = login(Optional.of(kdc.keytab))) {
      assertEquals(
          Optional.of(Identity.of("kerberos", "alice")),
          login.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
      assertEquals(Optional.empty(), login.authenticate(TestKdc.ALICE, "nope".toCharArray()));
    }
  }

  @Test
  void anAnswerTheKeytabCannotVerifyIsRefused() throws Exception {
    try (KdcLogin login = login(Optional.of(kdc.staleKeytab))) {
      assertEquals(
          Optional.empty(),
          login.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
    }
  }

  @Test
  void anUnreadableKeytabIsUnavailable() throws Exception {
    try (KdcLogin login = login(Optional.of(directory.resolve("missing.keytab")))) {
      assertThrows(
          AuthenticationUnavailableException.class,
          () -> login.authenticate(TestKdc.ALICE, TestKdc.ALICE_PASSWORD.toCharArray()));
    }
  }

  @Test
  void noNegotiateWithoutAKeytab() throws Exception {
    try (KdcLogin login = login(Optional.empty())) {
      assertTrue(login.negotiate().isEmpty());
    }
  }

  @Test
  void spnegoFromTheJdksGssClientWithMutualAuthentication() throws Exception {
    try (KdcLogin login = login(Optional.of(kdc.keytab))) {
      NegotiateScheme negotiate = login.negotiate().orElseThrow();
      assertEquals("Negotiate", negotiate.scheme());
      Subject alice =
          new JdkLogins()
              .withPassword(
                  TestKdc.ALICE + "@" + TestKdc.REALM, TestKdc.ALICE_PASSWORD.toCharArray());
      GSSContext client = clientContext(alice);
      byte[] token = as(alice, () -> client.initSecContext(new byte[0], 0, 0));
      Outcome outcome = negotiate.authenticate(Base64.getEncoder().encodeToString(token));
      assertEquals(Optional.of(Identity.of("kerberos", "alice")), outcome.identity());
      // the server's answer proves to the client that it holds the service's key
      byte[] answer = Base64.getDecoder().decode(outcome.response().orElseThrow());
      as(alice, () -> client.initSecContext(answer, 0, answer.length));
      assertTrue(client.isEstablished());
      // a replayed token is refused
      assertFalse(
          negotiate.authenticate(Base64.getEncoder().encodeToString(token)).identity().isPresent());
      client.dispose();
    }
  }

  @Test
  void spnegoRefusesGarbageAndTokensForAnotherKey() throws Exception {
    try (KdcLogin login = login(Optional.of(kdc.staleKeytab))) {
      NegotiateScheme stale = login.negotiate().orElseThrow();
      Subject alice =
          new JdkLogins()
              .withPassword(
                  TestKdc.ALICE + "@" + TestKdc.REALM, TestKdc.ALICE_PASSWORD.toCharArray());
      GSSContext client = clientContext(alice);
      byte[] token = as(alice, () -> client.initSecContext(new byte[0], 0, 0));
      assertTrue(
          stale.authenticate(Base64.getEncoder().encodeToString(token)).identity().isEmpty());
      assertTrue(stale.authenticate("not base64!").identity().isEmpty());
      assertTrue(stale.authenticate("").identity().isEmpty());
      assertTrue(stale.authenticate("YWJj").identity().isEmpty());
      client.dispose();
    }
  }

  private static GSSContext clientContext(Subject subject) throws Exception {
    GSSManager manager = GSSManager.getInstance();
    return as(
        subject,
        () -> {
          GSSContext context =
              manager.createContext(
                  manager.createName(
                      TestKdc.SERVICE + "@" + TestKdc.REALM, ServiceKeys.KRB5_PRINCIPAL_NAME),
                  ServiceKeys.SPNEGO,
                  null,
                  GSSContext.DEFAULT_LIFETIME);
          context.requestMutualAuth(true);
          return context;
        });
  }

  @SuppressWarnings("removal")
  static <T> T as(Subject subject, PrivilegedExceptionAction<T> action) throws Exception {
    return Subject.doAs(subject, action);
  }
}
