package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies in other charsets than UTF-8, over real HTTP. */
class BodyEncodingTest extends ServerFixture {
  private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void jsonDeclaredInAnotherCharsetIsProblem415NamingUtf8() throws Exception {
    String thing = "{\"name\":\"Bé\",\"count\":1}";
    // UTF-16 was guessed by Jackson from the bytes and taken; windows-1252 was read as UTF-8
    for (String charset : List.of("utf-16", "UTF-16LE", "windows-1252", "iso-8859-1")) {
      byte[] body = thing.getBytes(Charset.forName(charset));
      Map<String, Object> problem =
          problem(post("/api/things", "application/json; charset=" + charset, body), 415);
      assertTrue(problem.get("detail").toString().contains("UTF-8"), problem.toString());
    }
    for (String type :
        List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=\"UTF8\"")) {
      HttpResponse<String> taken =
          post("/api/things", type, thing.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, taken.statusCode(), type + ": " + taken.body());
      assertEquals("Bé", json(taken).get("name"), type);
    }
  }

  @Test
  void usAsciiIsUtf8AsLongAsItHoldsOnlyAscii() throws Exception {
    // refused as not UTF-8 with 415, though every ASCII body is UTF-8 (curl and scripts send it)
    for (String charset : List.of("us-ascii", "US-ASCII", "ascii")) {
      HttpResponse<String> json =
          post(
              "/api/things",
              "application/json; charset=" + charset,
              "{\"name\":\"B\\u00e9\",\"count\":1}".getBytes(StandardCharsets.US_ASCII));
      assertEquals(200, json.statusCode(), charset + ": " + json.body());
      assertEquals("Bé", json(json).get("name"), charset);
      HttpResponse<String> form =
          post(
              "/api/things/form",
              "application/x-www-form-urlencoded; charset=" + charset,
              "name=B%C3%A9".getBytes(StandardCharsets.US_ASCII));
      assertEquals(200, form.statusCode(), charset + ": " + form.body());
      assertEquals("Bé", json(form).get("name"), charset);
    }
    // bytes above 0x7F are not ASCII, whatever they would be in UTF-8
    Map<String, Object> json =
        problem(
            post(
                "/api/things",
                "application/json; charset=us-ascii",
                "{\"name\":\"Bé\",\"count\":1}".getBytes(StandardCharsets.UTF_8)),
            400);
    assertEquals(
        "JSON bodies declared US-ASCII hold bytes above 0x7F, which are not ASCII: send UTF-8,"
            + " with charset=utf-8 or without one.",
        json.get("detail"));
    Map<String, Object> form =
        problem(
            post(
                "/api/things/form",
                "application/x-www-form-urlencoded; charset=us-ascii",
                "name=Bé".getBytes(StandardCharsets.UTF_8)),
            400);
    assertTrue(
        form.get("detail").toString().startsWith("Forms declared US-ASCII"), form.toString());
  }

  @Test
  void aFormDeclaredInAnotherCharsetIsProblem415NamingUtf8() throws Exception {
    // Jersey decoded the ASCII of "name=a" as UTF-16: one field of other characters
    Map<String, Object> problem =
        problem(
            post(
                "/api/things/form",
                "application/x-www-form-urlencoded; charset=utf-16",
                "name=a&x=b".getBytes(StandardCharsets.US_ASCII)),
            415);
    assertTrue(problem.get("detail").toString().contains("UTF-8"), problem.toString());
  }

  @Test
  void aFormFieldThatIsNotUrlEncodedUtf8IsProblem400NamingIt() throws Exception {
    // %ZZ was a bare "Bad Request"; %FF%FE was taken as two U+FFFD and stored so
    Map<String, String> sent =
        Map.of(
            "a=1&name=%ZZ", FormEncoding.BROKEN_ESCAPE,
            "name=%FF%FE&a=1", FormEncoding.NOT_UTF8,
            "name=%C3", FormEncoding.NOT_UTF8,
            "name=a%2", FormEncoding.BROKEN_ESCAPE);
    for (Map.Entry<String, String> form : sent.entrySet()) {
      Map<String, Object> problem =
          problem(
              post(
                  "/api/things/form",
                  "application/x-www-form-urlencoded",
                  form.getKey().getBytes(StandardCharsets.US_ASCII)),
              400);
      assertEquals(Map.of("name", List.of(form.getValue())), problem.get("errors"), form.getKey());
    }
    HttpResponse<String> taken =
        post(
            "/api/things/form",
            "application/x-www-form-urlencoded",
            "name=%C3%A9+%F0%9F%98%80&x=a%2Bb".getBytes(StandardCharsets.US_ASCII));
    assertEquals(200, taken.statusCode(), taken.body());
  }

  /**
   * Nothing decodes a content-coded body: gzipped JSON was a "malformed JSON" 400, a gzipped form a
   * field of binary. It is a 415 saying so (RFC 9110, 15.5.16); without a coding, or with {@code
   * identity}, the body is taken.
   */
  @Test
  void aContentEncodedBodyIsProblem415() throws Exception {
    byte[] thing = "{\"name\":\"gz\",\"count\":1}".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write(thing);
    }
    for (String coding : List.of("gzip", "deflate", "identity, gzip")) {
      HttpResponse<String> answer =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/api/things"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header("Content-Encoding", coding)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Map<String, Object> problem = problem(answer, 415);
      assertEquals(
          "Request bodies must not be content-encoded: send the body as it is, without"
              + " Content-Encoding (gzip or another coding).",
          problem.get("detail"),
          coding);
      assertEquals("identity", answer.headers().firstValue("Accept-Encoding").orElse(""), coding);
    }
    HttpResponse<String> taken =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/api/things"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "identity")
                .POST(HttpRequest.BodyPublishers.ofByteArray(thing))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, taken.statusCode(), taken.body());
  }
}
