package cores.launcher.db;

import cores.launcher.LaunchException;
import cores.launcher.env.Database;
import cores.launcher.env.Variable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The quick-start database: a real PostgreSQL (zonky's binaries from Maven Central) whose data
 * stays in {@code CORES_DATA/postgres} from one start to the next.
 *
 * <p>PostgreSQL refuses to run as root. When the launcher runs as root (containers, CI), zonky
 * starts initdb and postgres through {@code unshare -U}, i.e. as an unprivileged user in a user
 * namespace; that needs the util-linux {@code unshare} tool and a {@code nobody} entry in
 * /etc/passwd, both present in Debian-based images.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Database database;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Database database) {
    this.postgres = postgres;
    this.database = database;
  }

  /** Whether a database was made in this CORES_DATA (a server started there once). */
  public static boolean existsIn(Path dataDirectory) {
    return Files.isRegularFile(dataDirectory.resolve("postgres").resolve("PG_VERSION"));
  }

  /**
   * Starts PostgreSQL on a free local port and creates {@code name} if it does not exist yet.
   *
   * @throws LaunchException exit code 3 when PostgreSQL does not start
   */
  public static EmbeddedDatabase start(Path dataDirectory, String name) throws LaunchException {
    Path data = dataDirectory.resolve("postgres");
    stopLeftOver(data);
    long started = System.nanoTime();
    EmbeddedPostgres pg;
    try {
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              // the extracted binaries live beside the data, not in a shared /tmp
              .setOverrideWorkingDirectory(dataDirectory.resolve("postgres-bin").toFile())
              // the launcher stops it after the framework, in order; zonky's own hook would race
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
    } catch (IOException | RuntimeException e) {
      throw new LaunchException(
          LaunchException.DATABASE_UNAVAILABLE,
          Variable.CORES_DATA
              + ": the embedded database did not start in "
              + data
              + " ("
              + rootCause(e)
              + ")",
          e);
    }
    Database db =
        new Database("127.0.0.1", pg.getPort(), name, Optional.of(SUPERUSER), Optional.empty());
    EmbeddedDatabase embedded = new EmbeddedDatabase(pg, db);
    try {
      embedded.createIfMissing(name);
    } catch (SQLException e) {
      embedded.close();
      throw new LaunchException(
          LaunchException.DATABASE_UNAVAILABLE,
          Variable.POSTGRES_DB
              + ": cannot create database \""
              + name
              + "\" ("
              + e.getSQLState()
              + ")",
          e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "embedded PostgreSQL on {0} with data in {1}, ready in {2} ms",
        db.address(),
        data,
        String.valueOf((System.nanoTime() - started) / 1_000_000));
    return embedded;
  }

  /**
   * A PostgreSQL still running on this data folder was left by a launcher that was killed (SIGKILL,
   * OOM): the caller holds the CORES_DATA lock, so no live Cores process owns it. It is shut down
   * (SIGINT: PostgreSQL's fast shutdown) so that this start can use the data.
   */
  private static void stopLeftOver(Path data) throws LaunchException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster;
    try {
      String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).strip();
      postmaster = ProcessHandle.of(Long.parseLong(first)).filter(EmbeddedDatabase::isPostgres);
    } catch (IOException | RuntimeException e) {
      return; // unreadable or stale: PostgreSQL itself checks the file when it starts
    }
    if (postmaster.isEmpty()) {
      return;
    }
    long pid = postmaster.get().pid();
    LOG.log(
        System.Logger.Level.WARNING,
        "stopping the PostgreSQL (pid {0}) left running on {1} by an earlier start",
        String.valueOf(pid),
        data);
    try {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).start();
      kill.waitFor();
      postmaster.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new LaunchException(
          LaunchException.DATABASE_UNAVAILABLE,
          Variable.CORES_DATA
              + ": a PostgreSQL left running on "
              + data
              + " (pid "
              + pid
              + ") did not stop",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(
          LaunchException.DATABASE_UNAVAILABLE, "interrupted while stopping PostgreSQL", e);
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
  }

  private void createIfMissing(String name) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      try (PreparedStatement exists =
          c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, name);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement create = c.createStatement()) {
        // identifiers cannot be bound parameters; the name is validated and quoted
        create.execute("CREATE DATABASE " + quoteIdentifier(name));
      }
      LOG.log(System.Logger.Level.INFO, "created database {0}", name);
    }
  }

  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  public Database database() {
    return database;
  }

  /** Stops PostgreSQL (fast shutdown: open sessions are ended, data is safe). */
  @Override
  public void close() {
    try {
      postgres.close();
      LOG.log(System.Logger.Level.INFO, "embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "embedded PostgreSQL did not stop cleanly", e);
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
