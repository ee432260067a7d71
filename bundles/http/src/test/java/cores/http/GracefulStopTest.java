package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.health.Health;
import cores.api.health.HealthIndicator;
import cores.http.auth.AccountServices;
import cores.http.system.HealthChecks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server lets a request in progress finish (health checks too), then refuses new
 * connections.
 */
class GracefulStopTest {

  @Path("slow")
  public static final class Slow {
    final CountDownLatch entered = new CountDownLatch(1);

    @GET
    public String get() throws InterruptedException {
      entered.countDown();
      Thread.sleep(1_000);
      return "done";
    }
  }

  @Test
  void requestInProgressFinishesDuringStop() throws Exception {
    CoresServer server =
        new CoresServer(
            new HttpSettings(0, "localhost", false, "secret", 1024),
            new AccountServices(),
            new HealthChecks(),
            Readiness.READY);
    Slow slow = new Slow();
    server.addResource(slow);
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/slow");
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    // Jersey's first request is slow on a loaded machine: the wait only guards against a hang
    assertTrue(slow.entered.await(3, TimeUnit.MINUTES));

    long start = System.nanoTime();
    server.stop();
    assertTrue(
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < CoresServer.STOP_TIMEOUT_MILLIS);

    HttpResponse<String> response = answer.get(1, TimeUnit.MINUTES);
    assertEquals(200, response.statusCode());
    assertEquals("done", response.body());
    assertThrows(
        IOException.class,
        () ->
            HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void aStoppingServerIsNotHealthyWhileItStops() throws Exception {
    HealthChecks health = new HealthChecks(Duration.ofSeconds(5), Duration.ofSeconds(1));
    CoresServer server =
        new CoresServer(
            new HttpSettings(0, "localhost", false, "secret", 1024),
            new AccountServices(),
            health,
            Readiness.READY);
    Slow slow = new Slow();
    server.addResource(slow);
    server.start();
    try {
      assertEquals(200, health.answer().status());
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/slow");
      CompletableFuture<HttpResponse<String>> answer =
          HttpClient.newHttpClient()
              .sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(slow.entered.await(3, TimeUnit.MINUTES));
      // the request in progress holds the stop for a second: health is asked meanwhile
      CompletableFuture<Void> stopped =
          CompletableFuture.runAsync(
              () -> {
                try {
                  server.stop();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      HealthChecks.Answer during = health.answer();
      while (during.status() == 200 && !stopped.isDone()) {
        Thread.sleep(10);
        during = health.answer();
      }
      String body = java.nio.charset.StandardCharsets.UTF_8.decode(during.body()).toString();
      assertEquals(503, during.status(), body);
      assertTrue(body.contains("\"platform\":{\"status\":\"DOWN\",\"detail\":\"stopping\"}"), body);
      stopped.get(1, TimeUnit.MINUTES);
      assertEquals(200, answer.get(1, TimeUnit.MINUTES).statusCode());
    } finally {
      health.close();
    }
  }

  /** A check that takes a second, like a slow database. */
  static final class SlowIndicator implements HealthIndicator {
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public String name() {
      return "database";
    }

    @Override
    public Health check() {
      entered.countDown();
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Health.down("interrupted");
      }
      return Health.up();
    }
  }

  @Test
  void healthCheckInProgressFinishesDuringStop() throws Exception {
    HealthChecks health = new HealthChecks(Duration.ofSeconds(5), Duration.ZERO);
    SlowIndicator slow = new SlowIndicator();
    health.addIndicator(slow);
    CoresServer server =
        new CoresServer(
            new HttpSettings(0, "localhost", false, "secret", 1024),
            new AccountServices(),
            health,
            Readiness.READY);
    try {
      server.start();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/health");
      CompletableFuture<HttpResponse<String>> answer =
          HttpClient.newHttpClient()
              .sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      // Jersey's first request is slow on a loaded machine: the wait only guards against a hang
      assertTrue(slow.entered.await(3, TimeUnit.MINUTES));
      server.stop();
      HttpResponse<String> response = answer.get(1, TimeUnit.MINUTES);
      // the slow check's own result, not a cut-off request; the platform part may already say
      // that the server is stopping
      assertTrue(response.body().contains("\"database\":{\"status\":\"UP\"}"), response.body());
    } finally {
      health.close();
    }
  }
}
