package cores.notify;

import cores.testing.TestDatabase;

/**
 * A fresh database with the persistence bundle's changelog (the change log's trigger, used by the
 * accounts tables), the accounts changelog (auth_user, read at enqueue) and this bundle's applied.
 */
public final class NotifyDatabase extends TestDatabase {
  public NotifyDatabase() throws Exception {
    super(
        "cores_notify_test",
        "db/changelog.sql",
        "cores/accounts/db/changelog.xml",
        "cores/notify/db/changelog.xml");
  }
}
