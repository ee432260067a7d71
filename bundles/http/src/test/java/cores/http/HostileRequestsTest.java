package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input that used to get an answer that did not say what was wrong. */
class HostileRequestsTest extends ServerFixture {
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
}
