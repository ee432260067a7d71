package cores.notify;

import cores.testing.TestDatabase;

/**
 * A fresh database with the accounts changelog (auth_user, read at enqueue) and this bundle's
 * applied.
 */
public final class NotifyDatabase extends TestDatabase {
  public NotifyDatabase() throws Exception {
    super("cores_notify_test", "cores/accounts/db/changelog.xml", "cores/notify/db/changelog.xml");
  }
}
