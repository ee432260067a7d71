package cores.accounts;

import cores.api.persistence.Signals;
import cores.testing.TestDatabase;
import cores.testing.postgres.Await;
import java.sql.SQLException;

/** Waits for signals to reach an instance's listener, which they do asynchronously. */
final class Delivered {
  private static final String PROBE = "cores_test_probe";

  private Delivered() {}

  /**
   * Waits until the signals heard every notification committed so far: they arrive in commit order,
   * so once a probe notified last has arrived, so have the others.
   */
  static void settle(TestDatabase db, Signals signals) {
    Await.until(() -> signals.generation(PROBE) >= 0);
    long before = signals.generation(PROBE);
    try {
      db.execute("NOTIFY " + PROBE);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    Await.until(() -> signals.generation(PROBE) != before);
  }
}
