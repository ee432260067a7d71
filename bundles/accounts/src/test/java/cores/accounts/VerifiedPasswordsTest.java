package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final VerifiedPasswords verified = new VerifiedPasswords(new SecureRandom(), clock);

  @Test
  void aVerifiedPasswordCountsOnlyForItsUserAndWhileTheStoredHashIsTheSame() {
    verified.remember(7, "secret".toCharArray(), "hash-1");
    assertTrue(verified.remembered(7, "secret".toCharArray(), "hash-1"));
    assertFalse(verified.remembered(7, "Secret".toCharArray(), "hash-1"));
    assertFalse(verified.remembered(8, "secret".toCharArray(), "hash-1"));
    // the password was changed (on any instance): the stored hash is another
    assertFalse(verified.remembered(7, "secret".toCharArray(), "hash-2"));
    assertFalse(verified.remembered(7, "secret".toCharArray(), "hash-1"), "forgotten for good");
  }

  @Test
  void aVerifiedPasswordIsForgottenAfterTheKeepingTime() {
    verified.remember(7, "secret".toCharArray(), "hash-1");
    clock.advance(VerifiedPasswords.KEEP.minus(Duration.ofSeconds(1)));
    assertTrue(verified.remembered(7, "secret".toCharArray(), "hash-1"));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(verified.remembered(7, "secret".toCharArray(), "hash-1"));
  }

  @Test
  void atMostTheCapacityIsRememberedTheLeastRecentlyUsedGoFirst() {
    verified.remember(0, "first".toCharArray(), "hash");
    verified.remember(1, "second".toCharArray(), "hash");
    assertTrue(verified.remembered(0, "first".toCharArray(), "hash"));
    for (int i = 2; i <= VerifiedPasswords.CAPACITY; i++) {
      verified.remember(i, "password".toCharArray(), "hash");
    }
    assertEquals(VerifiedPasswords.CAPACITY, verified.count());
    assertTrue(verified.remembered(0, "first".toCharArray(), "hash"), "used lately, kept");
    assertFalse(verified.remembered(1, "second".toCharArray(), "hash"), "least recently used");
  }
}
