package cores.bench;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/**
 * The built distribution started by a harness on a fresh database of the local PostgreSQL (trust
 * auth) and a free port, with DEBUG logging to a file; closing stops it and drops the database.
 * Also what the harnesses share: connections, and waiting for a bundle's table.
 */
final class LocalCores implements AutoCloseable {
  final String db;
  final int port;
  final File log;
  private final Process process;

  private LocalCores(String db, int port, File log, Process process) {
    this.db = db;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code dist/bin/cores} with {@code env} added and waits until {@code table} exists.
   *
   * @param name a word for the database and log file names
   */
  static LocalCores start(Path dist, String name, Map<String, String> env, String table)
      throws Exception {
    byte[] suffix = new byte[4];
    new SecureRandom().nextBytes(suffix);
    String db = "cores_bench_" + name + "_" + HexFormat.of().formatHex(suffix);
    admin("CREATE DATABASE " + db);
    int port = freePort();
    File log = File.createTempFile("cores-bench-" + name, ".log");
    ProcessBuilder builder =
        new ProcessBuilder(dist.resolve("bin/cores").toString())
            .redirectErrorStream(true)
            .redirectOutput(log);
    Map<String, String> environment = builder.environment();
    environment.put("POSTGRES_HOST", "127.0.0.1");
    environment.put("POSTGRES_DB", db);
    environment.put("POSTGRES_USER", "postgres");
    environment.put("CORES_HTTP_PORT", Integer.toString(port));
    environment.put("CORES_DATA", log.getParent() + "/cores-bench-data-" + db);
    environment.put("CORES_PLUGINS", log.getParent() + "/cores-bench-plugins-" + db);
    environment.put("DEBUG", "True");
    environment.putAll(env);
    LocalCores cores = new LocalCores(db, port, log, builder.start());
    try {
      awaitHealthy(port, cores.process, log);
      awaitTable(db, table);
      return cores;
    } catch (Exception e) {
      cores.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor();
    admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
  }

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

  private static void awaitHealthy(int port, Process cores, File log) throws Exception {
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
  private static void awaitTable(String db, String table) throws Exception {
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
