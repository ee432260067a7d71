package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  /**
   * Django 4.2's own test (tests/auth_tests/test_hashers.py, test_pbkdf2): make_password("lètmein",
   * "seasalt", "pbkdf2_sha256") with its default of 600000 iterations.
   */
  private static final String DJANGO_LETMEIN =
      "pbkdf2_sha256$600000$seasalt$OAXyhAQ/4ZDA9V5RMExt3C1OwQdUpLZ99vm1McFlLRA=";

  /**
   * make_password("password", "seasalt", "pbkdf2_sha256") at 600000 iterations, computed with
   * Python's hashlib, which Django's hasher calls: base64(pbkdf2_hmac("sha256", b"password",
   * b"seasalt", 600000)).
   */
  private static final String DJANGO_PASSWORD =
      "pbkdf2_sha256$600000$seasalt$FGmRuuHxW9M/dotzlqj+7MQMh6PO8HizVyHVdH8uf1I=";

  private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

  @Test
  void encodesLikeDjango() {
    assertEquals(
        DJANGO_PASSWORD, PasswordHasher.encode("password".toCharArray(), "seasalt", 600000));
    assertEquals(DJANGO_LETMEIN, PasswordHasher.encode("lètmein".toCharArray(), "seasalt", 600000));
  }

  @Test
  void verifiesDjangoHashes() {
    assertTrue(hasher.verify("lètmein".toCharArray(), DJANGO_LETMEIN));
    assertFalse(hasher.verify("lètmeinz".toCharArray(), DJANGO_LETMEIN));
    assertTrue(hasher.verify("password".toCharArray(), DJANGO_PASSWORD));
  }

  @Test
  void verifiesOtherIterationCountsAndAsksForRehash() {
    String old = PasswordHasher.encode("secret12".toCharArray(), "abc", 1000);
    assertTrue(hasher.verify("secret12".toCharArray(), old));
    assertTrue(hasher.needsRehash(old));
    assertFalse(hasher.needsRehash(DJANGO_PASSWORD));
  }

  @Test
  void roundTripWithRandomSalt() {
    String first = hasher.hash("correct horse".toCharArray());
    String second = hasher.hash("correct horse".toCharArray());
    assertNotEquals(first, second, "salts must differ");
    assertTrue(first.startsWith("pbkdf2_sha256$600000$"));
    assertEquals(22, first.split("\\$")[2].length());
    assertTrue(hasher.verify("correct horse".toCharArray(), first));
    assertFalse(hasher.verify("correct horsf".toCharArray(), first));
    assertFalse(hasher.verify(new char[0], first));
  }

  @Test
  void rejectsTamperedAndForeignHashes() {
    String[] parts = DJANGO_PASSWORD.split("\\$");
    assertFalse(hasher.verify("password".toCharArray(), parts[0] + "$600000$seasalT$" + parts[3]));
    assertFalse(hasher.verify("password".toCharArray(), parts[0] + "$599999$seasalt$" + parts[3]));
    String flipped = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);
    assertFalse(hasher.verify("password".toCharArray(), parts[0] + "$600000$seasalt$" + flipped));
    assertFalse(hasher.verify("password".toCharArray(), "pbkdf2_sha1$600000$seasalt$" + parts[3]));
    assertFalse(hasher.verify("password".toCharArray(), "pbkdf2_sha256$x$seasalt$" + parts[3]));
    assertFalse(hasher.verify("password".toCharArray(), "pbkdf2_sha256$600000$seasalt$%%%"));
    assertFalse(hasher.verify("password".toCharArray(), "pbkdf2_sha256$600000$seasalt"));
    assertFalse(hasher.verify("password".toCharArray(), "pbkdf2_sha256$999999999$s$" + parts[3]));
  }

  @Test
  void unusablePasswordsNeverMatch() {
    String unusable = hasher.unusable();
    assertTrue(unusable.startsWith("!"));
    assertEquals(41, unusable.length());
    assertFalse(PasswordHasher.usable(unusable));
    assertFalse(hasher.verify(unusable.toCharArray(), unusable));
    assertTrue(PasswordHasher.usable(DJANGO_PASSWORD));
  }
}
