package cores.auth.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.auth.kerberos.testkdc.MitKdc;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logins against MIT Kerberos' own KDC, with a user who needs no pre-authentication (MIT's default
 * for {@code addprinc}: a wrong password shows only as a reply that does not decrypt, "Checksum
 * failed") and one with {@code +requires_preauth} (the KDC refuses it, error 24). {@link
 * KdcLoginTest} does the same against the in-process KDC.
 */
class MitKdcLoginTest {
  static final String REALM = "MIT.TEST";
  static final String PASSWORD = "mit-secret-42";

  @TempDir static Path directory;
  static MitKdc kdc;

  @BeforeAll
  static void startKdc() throws Exception {
    MitKdc.requireInstalled();
    kdc = MitKdc.start(directory.resolve("kdc"), REALM);
    kdc.addPrincipal("nopreauth", PASSWORD, false);
    kdc.addPrincipal("preauth", PASSWORD, true);
  }

  @AfterAll
  static void stopKdc() throws Exception {
    if (kdc != null) {
      kdc.close();
    }
  }

  static KdcLogin login(String kdcAddress, String file) throws Exception {
    return new KdcLogin(
        new KerberosSettings(
            REALM,
            Optional.empty(),
            Optional.of(kdcAddress),
            Optional.empty(),
            Optional.empty(),
            true),
        directory.resolve(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nopreauth", "preauth"})
  void rightPasswordIsTheUsersIdentity(String user) throws Exception {
    try (KdcLogin login = login(kdc.kdc(), user + "-right.conf")) {
      assertEquals(
          Optional.of(Identity.of("kerberos", user)),
          login.authenticate(user, PASSWORD.toCharArray()));
    }
  }

  /** A wrong password, however the KDC lets it show, is a refusal: 401, counted as a failure. */
  @ParameterizedTest
  @ValueSource(strings = {"nopreauth", "preauth"})
  void wrongPasswordIsRefusedNotUnavailable(String user) throws Exception {
    try (KdcLogin login = login(kdc.kdc(), user + "-wrong.conf")) {
      assertEquals(Optional.empty(), login.authenticate(user, "wrong-password".toCharArray()));
    }
  }

  @Test
  void unknownUserIsRefused() throws Exception {
    try (KdcLogin login = login(kdc.kdc(), "unknown.conf")) {
      assertEquals(Optional.empty(), login.authenticate("nobody", PASSWORD.toCharArray()));
    }
  }

  @Test
  void aKdcThatDoesNotAnswerIsUnavailable() throws Exception {
    try (KdcLogin login = login("127.0.0.1:" + TestKdc.freePort(), "down.conf")) {
      assertThrows(
          AuthenticationUnavailableException.class,
          () -> login.authenticate("nopreauth", PASSWORD.toCharArray()));
    }
  }
}
