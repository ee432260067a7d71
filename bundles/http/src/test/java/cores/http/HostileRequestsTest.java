package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Request;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input that used to get an answer that did not say what was wrong. */
class HostileRequestsTest extends ServerFixture {
  private static final String ROOT = basic("root", "r00t:pw");

  @Test
  void twoJsonValuesInOneBodyAreMalformedJsonNotAWrongType() throws Exception {
    // it read "Expected a value of type object.": the body is one, the second is the problem
    for (String body : new String[] {"{\"name\":\"a\"}{\"name\":\"b\"}", "{} {}", "{} 1"}) {
      Map<String, Object> problem = problem(send("POST", "/api/things", body), 400);
      assertTrue(
          problem.get("detail").toString().startsWith("Malformed JSON: more than one JSON value"),
          problem.toString());
    }
  }

  @Test
  void aChangeWithIfMatchIsProblem412NotAnUnconditionalChange() throws Exception {
    // the change was made as if unconditional, overwriting what the client guarded against
    for (String tag : new String[] {"\"1\"", "W/\"1\"", "\"a\", \"b\""}) {
      Map<String, Object> problem =
          problem(
              send("POST", "/api/things", "{\"name\":\"a\",\"count\":1}", "If-Match", tag), 412);
      assertTrue(problem.get("detail").toString().contains("If-Match"), problem.toString());
    }
    HttpResponse<String> any =
        send("POST", "/api/things", "{\"name\":\"a\",\"count\":1}", "If-Match", "*");
    assertEquals(200, any.statusCode(), any.body());
    Map<String, Object> malformed =
        problem(send("POST", "/api/things", "{}", "If-Match", "\"unterminated"), 400);
    assertTrue(
        malformed.get("detail").toString().startsWith("Malformed header"), malformed.toString());
  }

  /** A plugin's resource that sends an entity tag and checks If-Match itself. */
  @jakarta.ws.rs.Path("tagged")
  public static final class Tagged {
    static final jakarta.ws.rs.core.EntityTag TAG = new jakarta.ws.rs.core.EntityTag("7");

    @jakarta.ws.rs.POST
    @jakarta.ws.rs.Produces("text/plain")
    public jakarta.ws.rs.core.Response change(@jakarta.ws.rs.core.Context Request request) {
      jakarta.ws.rs.core.Response.ResponseBuilder failed = request.evaluatePreconditions(TAG);
      return failed != null
          ? failed.entity("stale").build()
          : jakarta.ws.rs.core.Response.ok("changed").tag(TAG).build();
    }
  }

  @Test
  void aPluginResourceThatSendsEntityTagsChecksIfMatchItself() throws Exception {
    // every change with If-Match was the platform's 412, the plugin's matching tag included
    Tagged tagged = new Tagged();
    server.addResource(tagged, true);
    try {
      eventually(() -> status("/api/tagged") == 405);
      HttpResponse<String> matching = send("POST", "/api/tagged", "{}", "If-Match", "\"7\"");
      assertEquals(200, matching.statusCode(), matching.body());
      assertEquals("changed", matching.body());
      HttpResponse<String> stale = send("POST", "/api/tagged", "{}", "If-Match", "\"6\"");
      assertEquals(412, stale.statusCode(), stale.body());
      assertEquals("stale", stale.body());
      // the platform's own still answer the 412 that says they send no tags
      problem(
          send("POST", "/api/things", "{\"name\":\"a\",\"count\":1}", "If-Match", "\"7\""), 412);
    } finally {
      server.removeResource(tagged);
    }
  }

  @Test
  void manyUnknownQueryParametersNameTheFirst20InTheOrderSent() throws Exception {
    // it named all of them, in no order, in the detail and in errors
    StringBuilder query = new StringBuilder("mine=1");
    for (int i = 30; i > 0; i--) {
      query.append("&p").append(i).append("=1");
    }
    Map<String, Object> problem =
        problem(get("/api/things/kinds/host?" + query, "Authorization", ROOT), 400);
    Map<?, ?> errors = (Map<?, ?>) problem.get("errors");
    assertEquals(20, errors.size(), problem.toString());
    assertEquals("p30", errors.keySet().iterator().next(), problem.toString());
    String detail = problem.get("detail").toString();
    assertTrue(detail.startsWith("Invalid query parameter(s): p30, p29, p28,"), detail);
    assertTrue(detail.contains(", p11. The first 20 are named, and 10 more."), detail);
  }

  @Test
  void anUnknownQueryParameterIsAnsweredWithWhatTheEndpointAskedTakes() throws Exception {
    // a path shared by several models listed every model's filters as taken by each, then each
    // with its models: /api/inventory/building/?page=2 named other models' filters, not limit
    Map<String, Object> problem =
        problem(get("/api/things/kinds/host?colour=red", "Authorization", ROOT), 400);
    assertEquals(
        Map.of("colour", List.of("unknown parameter; this endpoint takes mine")),
        problem.get("errors"));
    Map<String, Object> nic =
        problem(get("/api/things/kinds/nic?colour=red", "Authorization", ROOT), 400);
    assertEquals(
        Map.of("colour", List.of("unknown parameter; this endpoint takes mac (nic), mine")),
        nic.get("errors"));
  }

  @Test
  void aMalformedAcceptHeaderIsProblem400NamingIt() throws Exception {
    // it was a bare "Bad Request", naming nothing
    for (String accept : new String[] {"*/*;q=x", "application/json;q=2"}) {
      Map<String, Object> problem = problem(get("/api/things", "Accept", accept), 400);
      assertTrue(
          problem.get("detail").toString().startsWith("Malformed header: Unable to parse \"Accept"),
          problem.toString());
    }
  }

  @Test
  void twoOrMalformedContentTypesAreProblem400NamingTheHeader() throws Exception {
    // two were a bare "Bad Request", naming nothing
    Map<String, Object> two =
        problem(
            send(
                "POST",
                "/api/things",
                "{\"name\":\"a\",\"count\":1}",
                "Content-Type",
                "application/json",
                "Content-Type",
                "text/plain"),
            400);
    assertTrue(
        two.get("detail").toString().startsWith("Malformed header: ")
            && two.get("detail").toString().contains("Content-Type"),
        two.toString());
    Map<String, Object> broken =
        problem(send("POST", "/api/things", "{}", "Content-Type", "application/json;x"), 400);
    assertTrue(
        broken.get("detail").toString().startsWith("Malformed header: ")
            && broken.get("detail").toString().contains("Content-Type"),
        broken.toString());
  }
}
