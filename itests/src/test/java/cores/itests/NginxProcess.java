package cores.itests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx run in the foreground by the current user, with a configuration folder of the
 * test's making ({@code nginx -p <folder> -c <folder>/nginx.conf}): relative includes resolve in
 * that folder, the pid file and logs stay in it.
 */
final class NginxProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path stderr;

  private NginxProcess(Process process, int port, Path stderr) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  /**
   * Starts nginx and waits until it accepts connections on {@code port}.
   *
   * @param executable the nginx binary
   * @param folder holds nginx.conf and what it includes; logs and the pid file go there too
   */
  static NginxProcess start(Path executable, Path folder, int port)
      throws IOException, InterruptedException {
    Path stdout = folder.resolve("nginx.stdout.log");
    Path stderr = folder.resolve("nginx.stderr.log");
    // the configuration has neither pid nor user: the image's defaults apply there, ours here
    String globals =
        "daemon off; pid " + folder.resolve("nginx.pid") + "; user " + currentUser() + ";";
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    executable.toString(),
                    "-e",
                    "stderr",
                    "-p",
                    folder.toString(),
                    "-c",
                    folder.resolve("nginx.conf").toString(),
                    "-g",
                    globals))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    NginxProcess nginx = new NginxProcess(pb.start(), port, stderr);
    nginx.awaitListening(Duration.ofSeconds(15));
    return nginx;
  }

  int port() {
    return port;
  }

  String errors() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** The access log (the configuration writes it to standard output). */
  String accessLog() throws IOException {
    return Files.readString(stderr.resolveSibling("nginx.stdout.log"), StandardCharsets.UTF_8);
  }

  private void awaitListening(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("nginx exited with " + process.exitValue() + ":\n" + errors());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(
        "nginx not listening on " + port + " within " + timeout + ":\n" + errors());
  }

  /** The user name for nginx's {@code user} directive (only honoured when running as root). */
  private static String currentUser() {
    return System.getProperty("user.name");
  }

  /** SIGTERM (nginx's fast shutdown), then SIGKILL if it lingers. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
