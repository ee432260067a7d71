package cores.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource of a test database's kept connections that counts every statement prepared or
 * created and every transaction begun on them, whether through EclipseLink or JDBC: the tests that
 * say how many round trips a service takes read the counts. A connection closed goes back to be
 * kept, as the persistence bundle's pool does in Cores.
 */
final class CountedConnections {
  private CountedConnections() {}

  static DataSource of(
      TestDatabase database, AtomicInteger statements, AtomicInteger transactions) {
    InvocationHandler connections =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "getConnection" ->
                  counted(database, database.borrow(), statements, transactions);
              case "getLogWriter" -> (PrintWriter) null;
              case "getLoginTimeout" -> 0;
              case "getParentLogger" -> Logger.getGlobal();
              case "isWrapperFor" -> false;
              default -> null;
            };
    return (DataSource)
        Proxy.newProxyInstance(
            CountedConnections.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            connections);
  }

  private static Connection counted(
      TestDatabase database,
      Connection real,
      AtomicInteger statements,
      AtomicInteger transactions) {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            CountedConnections.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, a) -> {
              switch (m.getName()) {
                case "close" -> {
                  if (!closed[0]) {
                    closed[0] = true;
                    database.giveBack(real);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return closed[0] || real.isClosed();
                }
                default -> {
                  if (closed[0]) {
                    throw new SQLException("This connection has been closed.");
                  }
                }
              }
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
}
