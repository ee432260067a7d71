package cores.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the built distribution ({@code launcher/target/cores/bin/cores}) as a child process, the way
 * an operator does, for integration tests.
 *
 * <p>The child gets a clean environment (PATH, HOME, JAVA_HOME, LANG and what the test sets), so
 * the developer's shell cannot leak settings into a test. Its stdout and stderr go to files under
 * {@code itests/target/it-logs/<name>/} that stay after the run for diagnosis.
 *
 * <pre>{@code
 * try (CoresProcess cores = CoresProcess.builder("boot").env(db.environment()).start()) {
 *   cores.awaitHealthy(Duration.ofSeconds(60));
 *   HttpResponse<String> r = cores.get("/api/health");
 *   assertEquals(0, cores.stop());          // SIGTERM, then the exit code
 * }
 * }</pre>
 *
 * Defaults: a free CORES_HTTP_PORT, CORES_DATA and CORES_PLUGINS in a fresh folder under the log
 * folder, DEBUG=False with a random SECRET_KEY. Any of them can be overridden with {@link
 * Builder#env}; {@link Builder#unset} removes one.
 */
public final class CoresProcess implements AutoCloseable {

  /** The line the launcher logs once every bundle is ACTIVE and configurations are applied. */
  public static final String STARTED_MARKER = "bundles active in";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

  private static final long HEALTH_POLL_MS = 250;

  private final Process process;
  private final int httpPort;
  private final Path stdout;
  private final Path stderr;
  private final Path dataDirectory;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private CoresProcess(Process process, int httpPort, Path stdout, Path stderr, Path data) {
    this.process = process;
    this.httpPort = httpPort;
    this.stdout = stdout;
    this.stderr = stderr;
    this.dataDirectory = data;
  }

  /**
   * @param name names the log folder; use the test's name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The distribution under test (system property {@code cores.distribution}, set by the pom). */
  public static Path distribution() {
    return Path.of(System.getProperty("cores.distribution", "../launcher/target/cores"))
        .toAbsolutePath()
        .normalize();
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  /** Sends a request built on {@link #uri}; for JSON API calls see {@link ApiClient}. */
  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, ShortBodies.ofString(request));
  }

  public CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
    return http.sendAsync(request, ShortBodies.ofString(request));
  }

  /** Everything the process wrote to stdout so far (its log). */
  public String output() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** Everything the process wrote to stderr so far (errors: one line each). */
  public String errors() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the log contains {@code text}.
   *
   * @throws AssertionError when the time is up or the process ended first (with its output)
   */
  public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw failure("exited with " + process.exitValue() + " before logging \"" + text + "\"");
      }
      Thread.sleep(100);
    }
    throw failure("did not log \"" + text + "\" within " + timeout.toSeconds() + " s");
  }

  /** Waits until all bundles are ACTIVE and configured (the launcher's marker line). */
  public void awaitStarted(Duration timeout) throws IOException, InterruptedException {
    awaitLog(STARTED_MARKER, timeout);
  }

  /** Waits until {@code GET /api/health} answers 200. */
  public void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure("exited with " + process.exitValue() + " before /api/health answered 200");
      }
      try {
        HttpResponse<String> r = get("/api/health");
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      // each request to a starting Cores has it work out its readiness again (tens of ms of CPU,
      // walking every bundle and component), CPU its start needs: asked every 100 ms, the asking
      // cost a start two seconds of CPU on two busy cores
      Thread.sleep(HEALTH_POLL_MS);
    }
    throw failure("/api/health not 200 within " + timeout.toSeconds() + " s (last: " + last + ")");
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw failure("still running after " + timeout.toSeconds() + " s");
    }
    return process.exitValue();
  }

  /** Sends SIGTERM ({@link Process#destroy()}) and returns the exit code. */
  public int stop() throws IOException, InterruptedException {
    process.destroy();
    return awaitExit(STOP_TIMEOUT);
  }

  /** Sends SIGINT (as Ctrl-C in a terminal does) and returns the exit code. */
  public int interrupt() throws IOException, InterruptedException {
    // A background job of a shell without job control starts with SIGINT ignored, and the JVM
    // keeps an ignored SIGINT ignored: Ctrl-C cannot be tried from such an environment
    Assumptions.assumeFalse(
        ignores(process.pid(), SIGINT),
        "SIGINT is ignored by the environment this test runs in (inherited by Cores' JVM)");
    Process kill =
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -INT " + process.pid() + " failed");
    }
    return awaitExit(STOP_TIMEOUT);
  }

  private static final int SIGINT = 2;

  /** Whether the process ignores the signal (its SigIgn mask in /proc). */
  private static boolean ignores(long pid, int signal) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        return (mask & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }

  /** SIGKILL, as {@code kill -9} or a power cut: no shutdown hook runs; the exit code. */
  public int kill() throws IOException, InterruptedException {
    process.destroyForcibly();
    return awaitExit(STOP_TIMEOUT);
  }

  /** Kills the process if a test left it running (SIGKILL: no clean shutdown). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private AssertionError failure(String what) throws IOException {
    return new AssertionError(
        "cores "
            + what
            + "\n--- stderr ("
            + stderr
            + ")\n"
            + errors()
            + "\n--- stdout ("
            + stdout
            + ")\n"
            + tail(output(), 60));
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
  }

  /** Configures and starts a {@link CoresProcess}. */
  public static final class Builder {
    private static final List<String> INHERITED = List.of("PATH", "HOME", "JAVA_HOME", "LANG");

    private final String name;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> args = new ArrayList<>();
    private byte[] stdin;
    private Path distribution = CoresProcess.distribution();

    private Builder(String name) {
      this.name = name;
    }

    public Builder env(String variable, String value) {
      env.put(variable, value);
      return this;
    }

    public Builder env(Map<String, String> variables) {
      env.putAll(variables);
      return this;
    }

    /** Removes a variable, including the defaults set by {@link #start()}. */
    public Builder unset(String variable) {
      env.put(variable, null);
      return this;
    }

    /** Command-line arguments, e.g. {@code "createsuperuser", "--username", "admin"}. */
    public Builder args(String... arguments) {
      args.addAll(List.of(arguments));
      return this;
    }

    /** Another copy of the distribution to run (default {@link CoresProcess#distribution()}). */
    public Builder distribution(Path folder) {
      distribution = folder;
      return this;
    }

    /** Bytes written to the process's stdin, which is then closed. */
    public Builder stdin(String text) {
      stdin = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public CoresProcess start() throws IOException {
      Path logs =
          Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
              .resolve(name + "-" + System.currentTimeMillis());
      Files.createDirectories(logs);
      Path data = logs.resolve("data");
      int port = freePort();

      Map<String, String> effective = new HashMap<>();
      for (String inherited : INHERITED) {
        String value = System.getenv(inherited);
        if (value != null) {
          effective.put(inherited, value);
        }
      }
      effective.put("CORES_HTTP_PORT", Integer.toString(port));
      effective.put("CORES_DATA", data.toString());
      effective.put("CORES_PLUGINS", logs.resolve("plugins").toString());
      effective.put("DEBUG", "False");
      effective.put(
          "SECRET_KEY",
          "it-"
              + Long.toHexString(System.nanoTime())
              + "-secret-"
              + "x7Qp2Lm9Wv4Rt8Zk1Nb6Yc3Hd5Jf0Gs");
      env.forEach(
          (k, v) -> {
            if (v == null) {
              effective.remove(k);
            } else {
              effective.put(k, v);
            }
          });

      List<String> command = new ArrayList<>();
      command.add(distribution.resolve("bin/cores").toString());
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).directory(logs.toFile());
      pb.environment().clear();
      pb.environment().putAll(effective);
      Path out = logs.resolve("stdout.log");
      Path err = logs.resolve("stderr.log");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = pb.start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      String httpPort = effective.get("CORES_HTTP_PORT");
      String dataDir = effective.get("CORES_DATA");
      return new CoresProcess(
          process,
          httpPort == null ? port : Integer.parseInt(httpPort),
          out,
          err,
          dataDir == null ? data : Path.of(dataDir));
    }
  }
}
