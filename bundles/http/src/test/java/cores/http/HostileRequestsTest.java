package cores.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
