package cores.accounts;

import cores.testing.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

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
    return transactions(UNIT, counting(), this::connect);
  }

  /**
   * A DataSource whose connections count every statement they prepare or create, whether through
   * EclipseLink or JDBC on its connection (as the domain's test database does).
   */
  private DataSource counting() {
    InvocationHandler connections =
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            Connection real = connect();
            return Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, m, a) -> {
                  if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                    statements.incrementAndGet();
                  }
                  if (m.getName().equals("setAutoCommit") && Boolean.FALSE.equals(a[0])) {
                    transactions.incrementAndGet();
                  }
                  try {
                    return m.invoke(real, a);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
          }
          return switch (method.getName()) {
            case "getLogWriter" -> (PrintWriter) null;
            case "getLoginTimeout" -> 0;
            case "getParentLogger" -> Logger.getGlobal();
            case "isWrapperFor" -> false;
            default -> null;
          };
        };
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {DataSource.class}, connections);
  }

  /** A persistence unit whose database server is down (nothing listens on the port). */
  static Tx unreachable() {
    return transactions(UNIT, "jdbc:postgresql://127.0.0.1:1/down?connectTimeout=2");
  }
}
