package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.http.auth.AccountServices;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The server works on at most {@link HttpSettings#activeRequestLimit()} requests at once; the
 * others wait their turn, while the health endpoints and the requests that check a credential
 * answer meanwhile.
 */
class RequestTurnsTest {

  /** Request "first" holds its turn until the test opens the gate; the others answer at once. */
  @Path("turn")
  public static final class Turns {
    final List<String> entered = new CopyOnWriteArrayList<>();
    final CountDownLatch firstEntered = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);

    @GET
    @Path("{name}")
    public String get(@PathParam("name") String name) throws InterruptedException {
      entered.add(name);
      if (name.equals("first")) {
        firstEntered.countDown();
        assertTrue(gate.await(1, TimeUnit.MINUTES));
      }
      return name;
    }
  }

  @Test
  void aRequestBeyondTheLimitWaitsForItsTurnWhileHealthAndLoginsAnswer() throws Exception {
    CoresServer server =
        new CoresServer(
            new HttpSettings(0, "localhost", false, "secret", 1024, List.of("127.0.0.1"), 1),
            new AccountServices(),
            new HealthChecks(),
            Readiness.READY);
    Turns turns = new Turns();
    server.addResource(turns);
    server.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      CompletableFuture<HttpResponse<String>> first = get(client, server, "/api/turn/first");
      // Jersey's first request is slow on a loaded machine: the wait only guards against a hang
      assertTrue(turns.firstEntered.await(3, TimeUnit.MINUTES));
      CompletableFuture<HttpResponse<String>> second = get(client, server, "/api/turn/second");

      HttpResponse<String> health = get(client, server, "/api/health").get(1, TimeUnit.MINUTES);
      assertEquals(200, health.statusCode(), health.body());
      // logins and other credentials than tokens do not wait (they may wait on a directory); no
      // login resource is served here, so its 404 shows that it passed the first one's turn
      HttpResponse<String> login =
          client.send(
              HttpRequest.newBuilder(uri(server, "/api/auth/login"))
                  .timeout(Duration.ofSeconds(20))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, login.statusCode(), login.body());
      HttpResponse<String> basic =
          client.send(
              HttpRequest.newBuilder(uri(server, "/api/turn/basic"))
                  .timeout(Duration.ofSeconds(20))
                  .header("Authorization", "Basic bm9ib2R5Om5vdGhpbmc=")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // nothing here checks passwords: the answer says so, without waiting for a turn
      assertEquals(503, basic.statusCode(), basic.body());
      assertTrue(basic.body().contains("authentication service unavailable"), basic.body());
      Thread.sleep(300);
      assertFalse(turns.entered.contains("second"), "the second request must wait for its turn");
      assertFalse(second.isDone());

      turns.gate.countDown();
      assertEquals("first", first.get(1, TimeUnit.MINUTES).body());
      HttpResponse<String> answer = second.get(1, TimeUnit.MINUTES);
      assertEquals(200, answer.statusCode());
      assertEquals("second", answer.body());
      assertTrue(turns.entered.contains("second"));
    } finally {
      turns.gate.countDown();
      server.stop();
    }
  }

  @Test
  void aRequestThatWaitedTooLongIs503WithRetryAfterAProblemOnTheApiAPageOnPages() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    Handler holdsItsTurn =
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            holding.countDown();
            assertTrue(gate.await(1, TimeUnit.MINUTES));
            response.setStatus(204);
            callback.succeeded();
            return true;
          }
        };
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    jetty.addConnector(connector);
    jetty.setHandler(
        new RequestTurns(
            1,
            Duration.ofMillis(200),
            new JettyProblems(ObjectMapperResolver.newObjectMapper(), new PageLayouts()),
            holdsItsTurn));
    jetty.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api/things");
      CompletableFuture<HttpResponse<String>> first =
          client.sendAsync(
              HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(holding.await(1, TimeUnit.MINUTES));

      HttpResponse<String> waited =
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, waited.statusCode());
      assertEquals("application/problem+json", waited.headers().firstValue("Content-Type").get());
      assertEquals(
          ReadinessGate.RETRY_AFTER_SECONDS, waited.headers().firstValue("Retry-After").get());
      assertTrue(waited.body().contains("too busy"), waited.body());
      // a page's: the site's error page, which a browser shows (it was the API's JSON)
      HttpResponse<String> page =
          client.send(
              HttpRequest.newBuilder(uri.resolve("/admin/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(503, page.statusCode());
      assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").get());
      assertEquals(
          ReadinessGate.RETRY_AFTER_SECONDS, page.headers().firstValue("Retry-After").get());
      assertTrue(page.body().startsWith("<!DOCTYPE html>"), page.body());
      assertTrue(page.body().contains(RequestTurns.DETAIL), page.body());

      gate.countDown();
      assertEquals(204, first.get(1, TimeUnit.MINUTES).statusCode());
    } finally {
      gate.countDown();
      jetty.stop();
    }
  }

  @Test
  void theLimitIsTwiceTheProcessorsUnlessConfigured() {
    int processors = Runtime.getRuntime().availableProcessors();
    assertEquals(
        2 * processors, new HttpSettings(0, "localhost", false, "s", 1).activeRequestLimit());
    assertEquals(
        3,
        new HttpSettings(0, "localhost", false, "s", 1, List.of("127.0.0.1"), 3)
            .activeRequestLimit());
    assertThrows(
        IllegalArgumentException.class,
        () -> new HttpSettings(0, "localhost", false, "s", 1, List.of("127.0.0.1"), -1));
  }

  private static CompletableFuture<HttpResponse<String>> get(
      HttpClient client, CoresServer server, String path) {
    return client.sendAsync(
        HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(CoresServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
