package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb and pg_ctl found on the PATH; Debian keeps them in
 * /usr/lib/postgresql/N/bin) in a temporary folder on a free port, with trust authentication for
 * {@code postgres} and one database, {@value #DATABASE}, which a test may stop and start again; the
 * machine's server is never touched. PostgreSQL refuses to run as root: as root, its commands run
 * as the {@code postgres} user. Without the programs the test is skipped, or fails where {@link
 * Tools} requires every program.
 */
final class PostgresCluster implements AutoCloseable {
  static final String DATABASE = "cores";

  private final Path directory;
  private final int port;
  private boolean running;

  private PostgresCluster(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Creates the cluster in a new temporary folder and starts it. */
  static PostgresCluster start() throws IOException, InterruptedException {
    Tools.require(
        Tools.onPath("pg_ctl").isPresent() && Tools.onPath("initdb").isPresent(),
        "PostgreSQL's initdb and pg_ctl are needed on the PATH (apt-get install postgresql, then"
            + " add /usr/lib/postgresql/<version>/bin to the PATH)");
    Path directory = Files.createTempDirectory("cores-it-pg-");
    if (root()) {
      NativeStack.Result chown = NativeStack.run(directory, Map.of(), "chown", "postgres", ".");
      assertEquals(0, chown.exit(), chown.output());
    }
    PostgresCluster cluster = new PostgresCluster(directory, CoresProcess.freePort());
    NativeStack.Result init =
        cluster.pg(
            "initdb",
            "-D",
            cluster.data(),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8");
    assertEquals(0, init.exit(), init.output());
    cluster.startServer();
    return cluster;
  }

  int port() {
    return port;
  }

  /**
   * The environment that points Cores at a database of this server (the variables of
   * docs/docs/configuration.md).
   */
  Map<String, String> environment(String database) {
    return Map.of(
        "POSTGRES_HOST",
        "127.0.0.1",
        "POSTGRES_PORT",
        Integer.toString(port),
        "POSTGRES_DB",
        database,
        "POSTGRES_USER",
        "postgres");
  }

  Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
  }

  /** Creates the database {@value #DATABASE}. */
  void createDatabase() throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  /** Starts the server and waits until it accepts connections. */
  void startServer() throws IOException, InterruptedException {
    NativeStack.Result start =
        pg(
            "pg_ctl",
            "-D",
            data(),
            "-l",
            directory.resolve("server.log").toString(),
            "-o",
            "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "-w",
            "start");
    assertEquals(0, start.exit(), start.output() + log());
    running = true;
  }

  /** Stops the server as an administrator does (fast: open sessions are ended), and waits. */
  void stopServer() throws IOException, InterruptedException {
    NativeStack.Result stop = pg("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
    assertEquals(0, stop.exit(), stop.output());
    running = false;
  }

  String log() throws IOException {
    Path log = directory.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Stops the server if running and deletes its folder. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (running) {
      pg("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
      running = false;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private String data() {
    return directory.resolve("data").toString();
  }

  private NativeStack.Result pg(String program, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (root()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(
        Tools.onPath(program)
            .orElseThrow(() -> new IllegalStateException(program + " is not on the PATH"))
            .toString());
    command.addAll(List.of(arguments));
    return NativeStack.run(directory, Map.of(), command.toArray(String[]::new));
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }
}
