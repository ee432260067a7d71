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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies in other charsets than UTF-8, over real HTTP. */
class BodyEncodingTest extends ServerFixture {
  private static final String THING = "{\"name\":\"Bé\",\"count\":1}";

  private static HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A body its declared charset does not fit, refused saying what to send instead. JSON in another
   * charset than UTF-8: UTF-16 was guessed by Jackson from the bytes and taken, windows-1252 read
   * as UTF-8. A form in UTF-16: Jersey decoded the ASCII of "name=a" as UTF-16, one field of other
   * characters. US-ASCII holding bytes above 0x7F: not ASCII, whatever they would be in UTF-8.
   */
  static Stream<Arguments> refusedBodies() {
    return Stream.of(
        refused("utf-16", "/api/things", THING, 415, "UTF-8"),
        refused("UTF-16LE", "/api/things", THING, 415, "UTF-8"),
        refused("windows-1252", "/api/things", THING, 415, "UTF-8"),
        refused("iso-8859-1", "/api/things", THING, 415, "UTF-8"),
        Arguments.of(
            "/api/things/form",
            "application/x-www-form-urlencoded; charset=utf-16",
            "name=a&x=b".getBytes(StandardCharsets.US_ASCII),
            415,
            "UTF-8"),
        Arguments.of(
            "/api/things",
            "application/json; charset=us-ascii",
            THING.getBytes(StandardCharsets.UTF_8),
            400,
            "JSON bodies declared US-ASCII hold bytes above 0x7F, which are not ASCII: send UTF-8,"
                + " with charset=utf-8 or without one."),
        Arguments.of(
            "/api/things/form",
            "application/x-www-form-urlencoded; charset=us-ascii",
            "name=Bé".getBytes(StandardCharsets.UTF_8),
            400,
            "Forms declared US-ASCII"));
  }

  /** JSON sent in the charset it declares. */
  private static Arguments refused(
      String charset, String path, String json, int status, String detail) {
    return Arguments.of(
        path,
        "application/json; charset=" + charset,
        json.getBytes(Charset.forName(charset)),
        status,
        detail);
  }

  @ParameterizedTest(name = "{1}: {3}")
  @MethodSource("refusedBodies")
  void aBodyItsCharsetDoesNotFitIsRefusedSayingWhatToSend(
      String path, String type, byte[] body, int status, String detail) throws Exception {
    Map<String, Object> problem = problem(post(path, type, body), status);
    assertTrue(problem.get("detail").toString().contains(detail), problem.toString());
  }

  @Test
  void jsonInUtf8IsTakenWhateverItsTypeCallsIt() throws Exception {
    for (String type :
        List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=\"UTF8\"")) {
      HttpResponse<String> taken =
          post("/api/things", type, THING.getBytes(StandardCharsets.UTF_8));
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
