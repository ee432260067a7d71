package cores.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PostgreSQL the tests use: the one at the configured address (system property {@value
 * #ADDRESS}, default {@code 127.0.0.1:5432}, user {@code postgres}, trust authentication, as {@code
 * .ci/run} sets it up) when it answers; otherwise an embedded PostgreSQL (zonky's, the one the
 * launcher runs) that every test JVM of one Maven build shares.
 *
 * <p>The shared one lives in the folder of system property {@value #DIRECTORY} (the parent pom sets
 * {@code target/test-postgres} of the top-level project): data, binaries, and a state file naming
 * its port and the Maven process it serves. The first JVM that needs it starts it under a file
 * lock; the next ones find it running and use it. It outlives the JVM that started it and is
 * stopped when that Maven process ends, by a small watchdog process; a later build starts it again
 * on the same data (about a second).
 */
public final class TestPostgres {

  /** The server to try first, {@code host:port}. */
  public static final String ADDRESS = "cores.test.postgres";

  /** Where the shared embedded server keeps its files. */
  public static final String DIRECTORY = "cores.test.postgres.dir";

  public static final String USER = "postgres";

  private static final System.Logger LOG = System.getLogger(TestPostgres.class.getName());
  private static final String UNREACHABLE = "08001";
  private static final long STOP_TIMEOUT_SECONDS = 30;

  /** Waits for process $1 to end, then asks process $2 (the postmaster) to stop. */
  private static final String WATCHDOG =
      "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill -INT \"$2\" 2>/dev/null";

  /** A server's address. */
  public record Address(String host, int port) {
    /** The JDBC URL of a database on it. */
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  private static Address address;

  private TestPostgres() {}

  /** The server of this JVM's tests, found (or started) on first use. */
  public static synchronized Address address() {
    if (address == null) {
      address = resolve();
    }
    return address;
  }

  private static Address resolve() {
    String configured = System.getProperty(ADDRESS, "127.0.0.1:5432");
    int colon = configured.lastIndexOf(':');
    Address first =
        new Address(
            configured.substring(0, colon), Integer.parseInt(configured.substring(colon + 1)));
    if (answers(first)) {
      return first;
    }
    Path directory =
        Path.of(
                System.getProperty(
                    DIRECTORY,
                    Path.of(System.getProperty("java.io.tmpdir"), "cores-test-postgres")
                        .toString()))
            .toAbsolutePath();
    try {
      Address shared = shared(directory);
      LOG.log(
          System.Logger.Level.INFO,
          "no PostgreSQL answers at {0}: the tests use the embedded one on {1} (data in {2})",
          first,
          shared,
          directory);
      return shared;
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded test PostgreSQL did not start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the test PostgreSQL", e);
    }
  }

  /** Whether a server answers there; one that answers with an error counts (the tests say why). */
  private static boolean answers(Address server) {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), p)) {
      return true;
    } catch (SQLException e) {
      return !UNREACHABLE.equals(e.getSQLState());
    }
  }

  /** The shared embedded server: the running one of this build, or a new one. */
  private static Address shared(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    Path data = directory.resolve("data");
    Path stateFile = directory.resolve("server.properties");
    try (FileChannel lockFile =
            FileChannel.open(
                directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      ProcessHandle owner = owner();
      Optional<Properties> state = read(stateFile);
      if (state.isPresent()) {
        Address running =
            new Address("127.0.0.1", Integer.parseInt(state.get().getProperty("port")));
        long ownerPid = Long.parseLong(state.get().getProperty("owner"));
        if (ownerPid == owner.pid() && answers(running)) {
          return running;
        }
      }
      // left by an earlier build (its watchdog is stopping it) or by a killed JVM
      stopLeftOver(data);
      int port =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(directory.resolve("bin").toFile())
              // it serves the other test JVMs of this build: the watchdog stops it, not this JVM
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start()
              .getPort();
      watch(owner, postmaster(data).orElseThrow(() -> new IOException("no postmaster.pid")));
      Properties written = new Properties();
      written.setProperty("port", Integer.toString(port));
      written.setProperty("owner", Long.toString(owner.pid()));
      try (OutputStream out = Files.newOutputStream(stateFile)) {
        written.store(out, "the shared test PostgreSQL (cores.testing.postgres.TestPostgres)");
      }
      return new Address("127.0.0.1", port);
    }
  }

  /** The Maven process running the build (an ancestor of this test JVM), else this JVM. */
  private static ProcessHandle owner() {
    for (Optional<ProcessHandle> p = ProcessHandle.current().parent();
        p.isPresent();
        p = p.get().parent()) {
      String command = p.get().info().commandLine().orElse("");
      if (command.contains("org.codehaus.plexus.classworlds.launcher.Launcher")) {
        return p.get();
      }
    }
    return ProcessHandle.current();
  }

  /** A process that stops PostgreSQL (fast shutdown) once the owner has ended. */
  private static void watch(ProcessHandle owner, ProcessHandle postmaster) throws IOException {
    new ProcessBuilder(
            "sh",
            "-c",
            WATCHDOG,
            "watchdog",
            Long.toString(owner.pid()),
            Long.toString(postmaster.pid()))
        .redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void stopLeftOver(Path data) throws IOException, InterruptedException {
    Optional<ProcessHandle> postmaster = postmaster(data);
    if (postmaster.isEmpty()) {
      return;
    }
    Process kill =
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid())).start();
    kill.waitFor();
    try {
      postmaster.get().onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the PostgreSQL left running on " + data + " did not stop", e);
    }
  }

  /** The running postmaster of a data folder, from its pid file. */
  private static Optional<ProcessHandle> postmaster(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
  }

  private static Optional<Properties> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return Optional.of(p);
  }
}
