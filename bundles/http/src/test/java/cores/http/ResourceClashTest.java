package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resource that Jersey cannot take (its path clashes with one already served, or its model is
 * invalid) is refused alone: the others keep being served, later changes still take effect, and the
 * refusal is reported with Jersey's reason.
 */
class ResourceClashTest extends ServerFixture {

  /** Claims {@code GET /api/things}, which {@link TestResources.Things} already answers. */
  @Path("things")
  public static final class ThingsClash {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list() {
      return Map.of("clash", true);
    }
  }

  /** Claims {@code GET /api/late}, like {@link TestResources.Late}. */
  @Path("late")
  public static final class LateClash {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get() {
      return Map.of("lateClash", true);
    }
  }

  /** Invalid: a resource method with two entity parameters, which Jersey rejects. */
  @Path("invalid")
  public static final class Invalid {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(String first, String second) {
      return Map.of("first", first, "second", second);
    }
  }

  /** What the test added: removed after it whatever its outcome, so that one failure stays one. */
  private final List<Object> added = new ArrayList<>();

  private void add(Object resource, boolean plugin) {
    added.add(resource);
    server.addResource(resource, plugin);
  }

  @AfterEach
  void removeWhatTheTestAdded() throws InterruptedException {
    added.forEach(server::removeResource);
    eventually(
        () -> added.stream().noneMatch(server::serves) && server.refusedResources().isEmpty());
  }

  @Test
  void aClashingResourceIsRefusedAloneAndLaterChangesStillTakeEffect() throws Exception {
    ThingsClash clash = new ThingsClash();
    add(clash, false);
    eventually(() -> server.refusedResources().containsKey(clash));
    assertTrue(
        server.refusedResources().get(clash).contains("things"),
        server.refusedResources().toString());
    assertEquals(200, status("/api/things?limit=1"));
    assertEquals(Map.of("limit", 1), json(get("/api/things?limit=1")));

    TestResources.Late late = new TestResources.Late();
    add(late, false);
    eventually(() -> status("/api/late") == 200);
    assertTrue(server.serves(late));
    server.removeResource(late);
    eventually(() -> status("/api/late") == 404);

    server.removeResource(clash);
    eventually(() -> !server.refusedResources().containsKey(clash));
    assertEquals(200, status("/api/things?limit=1"));
  }

  @Test
  void anInvalidResourceIsRefusedAloneAndLaterChangesStillTakeEffect() throws Exception {
    Invalid invalid = new Invalid();
    add(invalid, false);
    eventually(() -> server.refusedResources().containsKey(invalid));
    assertEquals(404, status("/api/invalid"));

    TestResources.Late late = new TestResources.Late();
    add(late, false);
    eventually(() -> status("/api/late") == 200);
    server.removeResource(late);
    eventually(() -> status("/api/late") == 404);

    server.removeResource(invalid);
    eventually(() -> server.refusedResources().isEmpty());
  }

  @Test
  void theResourceServedFirstKeepsItsPathAndTheOtherTakesItOnceItIsFree() throws Exception {
    TestResources.Late late = new TestResources.Late();
    add(late, false);
    eventually(() -> status("/api/late") == 200);

    LateClash clash = new LateClash();
    add(clash, false);
    eventually(() -> server.refusedResources().containsKey(clash));
    assertEquals(Map.of("late", true), json(get("/api/late")));

    server.removeResource(late);
    eventually(() -> server.serves(clash));
    assertEquals(Map.of("lateClash", true), json(get("/api/late")));
    assertEquals(List.of(), List.copyOf(server.refusedResources().keySet()));

    server.removeResource(clash);
    eventually(() -> status("/api/late") == 404);
  }

  @Test
  void aPluginsResourceYieldsItsPathToThePlatformsOwn() throws Exception {
    LateClash plugin = new LateClash();
    add(plugin, true);
    eventually(() -> server.serves(plugin));
    assertEquals(Map.of("lateClash", true), json(get("/api/late")));

    TestResources.Late own = new TestResources.Late();
    add(own, false);
    eventually(() -> server.serves(own));
    assertEquals(Map.of("late", true), json(get("/api/late")));
    assertTrue(server.refusedResources().containsKey(plugin));

    server.removeResource(own);
    eventually(() -> server.serves(plugin));
    server.removeResource(plugin);
    eventually(() -> status("/api/late") == 404);
    assertEquals(Map.of(), server.refusedResources());
  }

  @Test
  void aClashAmongTheResourcesPresentAtStartIsRefusedAloneAndTheServerStarts() throws Exception {
    HealthChecks ownHealth = new HealthChecks(Duration.ofMillis(500), Duration.ZERO);
    CoresServer other =
        new CoresServer(
            new HttpSettings(0, "cores.example.org", false, SECRET, MAX_BODY),
            serverAccounts,
            ownHealth,
            Optional::empty,
            new PageLayouts());
    TestResources.Things things = new TestResources.Things();
    ThingsClash clash = new ThingsClash();
    other.addResource(things);
    other.addResource(clash);
    other.start();
    try {
      // the first application is built off the starting thread
      eventually(() -> other.serves(things));
      assertEquals(List.of(clash), List.copyOf(other.refusedResources().keySet()));
      assertTrue(other.serves(things));
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + other.port() + "/api/things?limit=2"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      assertEquals(Map.of("limit", 2), json(response));
    } finally {
      other.stop();
      ownHealth.close();
    }
  }
}
