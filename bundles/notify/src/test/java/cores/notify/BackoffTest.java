package cores.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(6), 5);

  @Test
  void doublesWithJitterBetweenHalfAndAll() {
    Random random = new Random(7);
    for (int attempt = 1; attempt <= 8; attempt++) {
      long full = Math.min(30_000L << (attempt - 1), Duration.ofHours(6).toMillis());
      for (int i = 0; i < 200; i++) {
        long d = backoff.delay(attempt, random).toMillis();
        assertTrue(d >= full / 2 && d <= full, attempt + ": " + d);
      }
    }
  }

  @Test
  void isCappedEvenForHugeAttemptCounts() {
    long d = backoff.delay(500, new Random(1)).toMillis();
    assertTrue(d <= Duration.ofHours(6).toMillis() && d >= Duration.ofHours(3).toMillis());
  }

  @Test
  void jitterSpreadsMessagesThatFailedTogether() {
    Random random = new Random(3);
    Set<Long> delays = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      delays.add(backoff.delay(3, random).toMillis());
    }
    assertTrue(delays.size() > 40, "delays: " + delays.size());
  }

  @Test
  void exhaustedAfterMaxAttempts() {
    assertFalse(backoff.exhausted(4));
    assertTrue(backoff.exhausted(5));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ZERO, 1));
  }
}
