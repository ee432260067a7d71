package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the server says it serves is what answers requests: a resource counts as served as soon as
 * the application built with it takes requests, even while the one before it still finishes a slow
 * request (the CI failure this guards against: a resource answering 200 while said not served).
 */
class ServedTest extends ServerFixture {

  /** Holds its request until released. */
  @Path("held")
  public static final class Held {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @GET
    public String get() throws InterruptedException {
      entered.countDown();
      release.await(1, TimeUnit.MINUTES);
      return "released";
    }
  }

  @Test
  void aResourceIsServedOnceItAnswersWhileTheApplicationBeforeFinishesARequest() throws Exception {
    Held held = new Held();
    server.addResource(held);
    eventually(() -> server.serves(held));
    CompletableFuture<HttpResponse<String>> slow =
        CLIENT.sendAsync(
            HttpRequest.newBuilder(URI.create(base + "/api/held")).build(),
            HttpResponse.BodyHandlers.ofString());
    TestResources.Late late = new TestResources.Late();
    try {
      // Jersey's first request is slow on a loaded machine: the wait only guards against a hang
      assertTrue(held.entered.await(3, TimeUnit.MINUTES));
      server.addResource(late);
      eventually(() -> status("/api/late") == 200);
      assertTrue(server.serves(late), "answering, so served, though the old application drains");
      assertTrue(server.serves(held));
    } finally {
      held.release.countDown();
    }
    assertEquals("released", slow.get(1, TimeUnit.MINUTES).body());

    server.removeResource(late);
    eventually(() -> status("/api/late") == 404);
    assertFalse(server.serves(late), "not answering, so not served");
    server.removeResource(held);
    eventually(() -> !server.serves(held));
    assertEquals(404, status("/api/held"));
  }
}
