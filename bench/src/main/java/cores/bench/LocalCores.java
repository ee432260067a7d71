package cores.bench;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * What the harnesses that start the built distribution share: the local PostgreSQL (trust auth), a
 * free port, and waiting until the started process answers and a bundle's table exists.
 */
final class LocalCores {
  private LocalCores() {}

  static Connection connect(String db) throws Exception {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
  }

  /** A statement on the maintenance database (CREATE/DROP DATABASE of the benchmark's own). */
  static void admin(String sql) throws Exception {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitHealthy(int port, Process cores, File log) throws Exception {
    long until = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < until) {
      if (!cores.isAlive()) {
        throw new IllegalStateException("cores exited; log " + log);
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/api/health").toURL().openConnection();
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("cores not healthy within 120 s; log " + log);
  }

  /** Bundles migrate their tables after the first healthy answer may come. */
  static void awaitTable(String db, String table) throws Exception {
    long until = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < until) {
      try (Connection c = connect(db);
          PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
        s.setString(1, table);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no " + table + " within 60 s");
  }
}
