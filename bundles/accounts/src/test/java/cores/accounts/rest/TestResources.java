package cores.accounts.rest;

import cores.accounts.DatabaseClock;
import cores.accounts.PasswordRules;
import cores.accounts.TestAccess;
import cores.api.persistence.Transactions;

/** The users' and groups' resources as the tests serve them: a fast hash, the known permissions. */
final class TestResources {
  private TestResources() {}

  static UsersResource users(Transactions tx) {
    return new UsersResource(
        tx,
        TestAccess.fastHasher(),
        DatabaseClock.create(),
        TestAccess::knownPermissions,
        new PasswordRules());
  }

  static GroupsResource groups(Transactions tx) {
    return new GroupsResource(tx, TestAccess::knownPermissions);
  }
}
