package cores.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th failed attempt wait {@code base * 2^(n-1)},
 * capped at {@code max}, then a random amount between half and all of it ("equal jitter"), so
 * messages that failed together, e.g. while the SMTP server was down, do not all come back at once.
 */
record Backoff(Duration base, Duration max, int maxAttempts) {

  Backoff {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("need 0 < base <= max and maxAttempts >= 1");
    }
  }

  /** Whether a message that has failed {@code attempts} times is given up (dead letter). */
  boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }

  /** The wait after the {@code attempts}-th failure (1 for the first). */
  Duration delay(int attempts, RandomGenerator random) {
    long baseMillis = base.toMillis();
    int shift = Math.min(Math.max(attempts - 1, 0), 40);
    long full = baseMillis > (max.toMillis() >> shift) ? max.toMillis() : baseMillis << shift;
    long half = full / 2;
    return Duration.ofMillis(half + random.nextLong(full - half + 1));
  }
}
