package cores.accounts;

import cores.api.persistence.Signals;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/** Waits for signals to reach an instance's listener, which they do asynchronously. */
final class Delivered {
  private static final String PROBE = "cores_test_probe";

  private Delivered() {}

  /** Waits for the condition (at most 20 s: a bound for a loaded machine, not a figure). */
  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Waits until the signals heard every notification committed so far: they arrive in commit order,
   * so once a probe notified last has arrived, so have the others.
   */
  static void settle(TestDatabase db, Signals signals) {
    await(() -> signals.generation(PROBE) >= 0);
    long before = signals.generation(PROBE);
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("NOTIFY " + PROBE);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    await(() -> signals.generation(PROBE) != before);
  }
}
