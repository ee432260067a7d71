package cores.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code bin/cores cds}: the server started completely, so that the JVM's class data archive
 * ({@code -XX:ArchiveClassesAtExit}, written when this process exits) holds every class a start
 * loads, the bundles' included; then the first requests of a few kinds, whose classes (Jersey's
 * request path, the JSON writers, the templates, the first queries) a start would otherwise load
 * while its first users wait. Then it creates the marker file that {@code bin/cores} names in the
 * system property {@value #PROPERTY}: the script keeps the archive only when the marker exists and
 * the process exited with 0, not after a start that was cut short (a signal during the start also
 * ends the process with 0). Later starts map the archive ({@code -XX:SharedArchiveFile};
 * launcher/README.md, "Start-up time").
 *
 * <p>The command line stays that of the server, whose configuration it uses.
 */
final class ClassDataWarmUp {

  /** The marker file to create once warmed up; only {@code bin/cores cds} sets it. */
  static final String PROPERTY = "cores.cds.warmup";

  /** Readiness: every bundle of the features runs and its resources are served. */
  static final String READY = "/api/health";

  /** Anonymous requests over the REST API, the JSON writers, the pages and their templates. */
  static final List<String> PATHS =
      List.of("/api/", "/api/booking/bookable/?limit=1", "/api/inventory/host/?limit=1", "/login");

  /** How long a start may take to become ready (the first start on a database migrates it). */
  static final Duration READY_WITHIN = Duration.ofSeconds(120);

  private static final Duration POLL = Duration.ofMillis(100);
  private static final int TIMEOUT_MILLIS = 30_000;

  private final URI base;
  private final Duration readyWithin;
  private final BooleanSupplier stopRequested;

  /**
   * @param address the server's listening address on this host; empty for every interface
   * @param port the server's
   * @param stopRequested ends the wait for readiness (SIGTERM or SIGINT)
   */
  ClassDataWarmUp(String address, int port, Duration readyWithin, BooleanSupplier stopRequested) {
    String host = address.isEmpty() ? "127.0.0.1" : address;
    this.base =
        URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    this.readyWithin = readyWithin;
    this.stopRequested = stopRequested;
  }

  /** The marker file when {@code bin/cores cds} asked for the warm-up. */
  static Optional<Path> marker() {
    String marker = System.getProperty(PROPERTY);
    return marker == null || marker.isBlank() ? Optional.empty() : Optional.of(Path.of(marker));
  }

  /**
   * Waits for readiness, then requests each of {@link #PATHS} once (any answer will do: an endpoint
   * that needs a login still loads the request path up to its refusal) and creates the marker.
   *
   * @throws LaunchException the server did not become ready in time, a stop was requested, or the
   *     marker cannot be created (exit code 1: bin/cores keeps no archive)
   */
  void run(Path marker) throws LaunchException {
    long deadline = System.nanoTime() + readyWithin.toNanos();
    while (status(READY) != HttpURLConnection.HTTP_OK) {
      if (stopRequested.getAsBoolean() || System.nanoTime() > deadline) {
        throw new LaunchException(
            LaunchException.COMMAND_FAILED,
            "cds: the server did not become ready within "
                + readyWithin.toSeconds()
                + " s, no class data archive written (the log says what it waited for)");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LaunchException(LaunchException.COMMAND_FAILED, "cds: interrupted", e);
      }
    }
    for (String path : PATHS) {
      status(path);
    }
    try {
      Files.deleteIfExists(marker);
      Files.createFile(marker);
    } catch (IOException e) {
      throw new LaunchException(
          LaunchException.COMMAND_FAILED, "cds: cannot create " + marker + " (" + e + ")", e);
    }
  }

  /** The answer's status, its body read to the end; -1 when there was none. */
  private int status(String path) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) base.resolve(path).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestProperty("Accept", "application/json, text/html");
      try {
        int status = connection.getResponseCode();
        InputStream body =
            status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (body != null) {
          try (body) {
            body.transferTo(OutputStream.nullOutputStream());
          }
        }
        return status;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }
}
