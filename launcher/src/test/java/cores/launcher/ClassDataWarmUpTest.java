package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up of {@code bin/cores cds} against a real HTTP server standing in for Cores. */
class ClassDataWarmUpTest {

  @TempDir Path folder;

  private HttpServer server;
  private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger notReadyAnswers = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().toString();
          requested.add(path);
          boolean health = path.equals(ClassDataWarmUp.READY);
          int status = health && notReadyAnswers.getAndDecrement() > 0 ? 503 : 200;
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ClassDataWarmUp warmUp(boolean stopRequested) {
    return new ClassDataWarmUp(
        "", server.getAddress().getPort(), Duration.ofSeconds(30), () -> stopRequested);
  }

  @Test
  void waitsForReadinessThenRequestsEachPathOnceAndCreatesTheMarker() throws Exception {
    notReadyAnswers.set(2);
    Path marker = folder.resolve("cores.jsa.done");

    warmUp(false).run(marker);

    assertTrue(Files.exists(marker));
    List<String> expected = new ArrayList<>();
    expected.add(ClassDataWarmUp.READY);
    expected.add(ClassDataWarmUp.READY);
    expected.add(ClassDataWarmUp.READY);
    expected.addAll(ClassDataWarmUp.PATHS);
    assertEquals(expected, requested, "two 503s, the 200, then each path once");
  }

  @Test
  void aStopRequestEndsTheWaitWithoutAMarker() {
    notReadyAnswers.set(Integer.MAX_VALUE);
    Path marker = folder.resolve("cores.jsa.done");

    LaunchException e = assertThrows(LaunchException.class, () -> warmUp(true).run(marker));

    assertEquals(LaunchException.COMMAND_FAILED, e.exitCode());
    assertFalse(Files.exists(marker));
    assertEquals(List.of(ClassDataWarmUp.READY), requested, "no warm-up request while not ready");
  }
}
