package cores.testing.postgres;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what another thread does in its own time: a listener hearing a notification PostgreSQL
 * delivers after a commit, a service that comes up once its database is configured. Here, not in
 * test-support, because the persistence bundle's own tests use it too and test-support depends on
 * that bundle.
 */
public final class Await {

  /** How long to wait at most: a bound for a loaded machine, not a figure. */
  public static final Duration BOUND = Duration.ofSeconds(20);

  private static final long POLL_MILLIS = 5;

  private Await() {}

  /** Waits until the condition holds. */
  public static void until(BooleanSupplier condition) {
    until(condition::getAsBoolean, Boolean::booleanValue);
  }

  /** Waits until a value read is accepted, and returns it. */
  public static <T> T until(Supplier<T> read, Predicate<? super T> accepted) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (true) {
      T value = read.get();
      if (accepted.test(value)) {
        return value;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + BOUND.toSeconds() + " s; last read: " + value);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
