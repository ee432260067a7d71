package cores.accounts;

import cores.testing.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh database with the persistence bundle's changelog (the change log's trigger, which this
 * bundle's tables use) and this bundle's applied; transactions over its unit.
 */
public final class AccountsDatabase extends TestDatabase {
  private static final String UNIT = "cores.accounts";

  /** Statements prepared or created on the connections of {@link #transactions()}. */
  public final AtomicInteger statements = new AtomicInteger();

  /** Transactions begun on the connections of {@link #transactions()} (autocommit turned off). */
  public final AtomicInteger transactions = new AtomicInteger();

  public AccountsDatabase() throws Exception {
    super("cores_accounts_test", "db/changelog.sql", "cores/accounts/db/changelog.xml");
  }

  /** A new persistence unit (with its own cache), as a separate instance of Cores would have. */
  public Tx transactions() {
    return transactions(UNIT, counting(statements, transactions), this::connect);
  }

  /** A persistence unit whose database server is down (nothing listens on the port). */
  static Tx unreachable() {
    return transactions(UNIT, "jdbc:postgresql://127.0.0.1:1/down?connectTimeout=2");
  }
}
