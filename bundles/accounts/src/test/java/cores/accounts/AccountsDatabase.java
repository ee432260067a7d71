package cores.accounts;

import cores.testing.TestDatabase;

/**
 * A fresh database with the persistence bundle's changelog (the change log's trigger, which this
 * bundle's tables use) and this bundle's applied; transactions over its unit.
 */
public final class AccountsDatabase extends TestDatabase {
  private static final String UNIT = "cores.accounts";

  public AccountsDatabase() throws Exception {
    super("cores_accounts_test", "db/changelog.sql", "cores/accounts/db/changelog.xml");
  }

  /** A new persistence unit (with its own cache), as a separate instance of Cores would have. */
  public Tx transactions() {
    return transactions(UNIT);
  }

  /** A persistence unit whose database server is down (nothing listens on the port). */
  static Tx unreachable() {
    return transactions(UNIT, "jdbc:postgresql://127.0.0.1:1/down?connectTimeout=2");
  }
}
