package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a browser gets from the pages for a request the edge refuses: the site's HTML error page,
 * saying what the API's problem says.
 */
class PageEdgeTest extends ServerFixture {

  /** A page with a form, as the admin and user pages have. */
  @Path("edge-form")
  public static final class FormPage {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String show(@QueryParam("search") String search) {
      return "search " + search;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_PLAIN)
    public String post(@FormParam("name") String name) {
      return "posted " + name;
    }

    @POST
    @Path("raw")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public String raw(byte[] body) {
      return "read " + body.length;
    }
  }

  @BeforeAll
  static void addPage() throws Exception {
    server.addPage(new FormPage());
    eventually(() -> status("/edge-form") == 200);
  }

  /** The site's error page with this status, whose text says what was wrong. */
  private static String errorPage(HttpResponse<String> answer, int status) {
    assertEquals(status, answer.statusCode(), answer.body());
    assertTrue(
        answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
        answer.headers().map() + " " + answer.body());
    assertTrue(answer.body().startsWith("<!DOCTYPE html>"), answer.body());
    return answer.body();
  }

  @Test
  void aMalformedOrRepeatedContentTypeIsAnHtmlErrorPageOnPages() throws Exception {
    // both were the API's JSON problem
    String broken =
        errorPage(
            send("POST", "/edge-form", "name=a", "Content-Type", "application/x-www-form;x"), 400);
    assertTrue(
        broken.contains("Malformed header: Unable to parse &quot;Content-Type&quot;"), broken);
    String twice =
        errorPage(
            send(
                "POST",
                "/edge-form",
                "name=a",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Content-Type",
                "text/plain"),
            400);
    assertTrue(twice.contains("&quot;Content-Type&quot; sent 2 times; send it once."), twice);
  }

  @Test
  void aMalformedAcceptIsAnHtmlErrorPageOnPages() throws Exception {
    String page = errorPage(get("/edge-form", "Accept", "*/*;q=x"), 400);
    assertTrue(page.contains("Malformed header: Unable to parse &quot;Accept"), page);
  }

  /** A form post of a page with a content coding, from this site's page or forged by another. */
  private static HttpResponse<String> gzipped(String... headers) throws Exception {
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
      gzip.write("name=a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/edge-form"))
            .timeout(java.time.Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Content-Encoding", "gzip")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aContentEncodedPageFormIsThe415PageNotACsrf403() throws Exception {
    // the CSRF check came first: a 403 saying the form had expired, which no retry mends
    HttpResponse<String> answer = gzipped();
    String page = errorPage(answer, 415);
    assertTrue(page.contains("Request bodies must not be content-encoded"), page);
    assertEquals("identity", answer.headers().firstValue("Accept-Encoding").orElse(""));
    // forged by another site it is refused all the same, never carried out
    for (String[] forged :
        new String[][] {{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}, {}}) {
      HttpResponse<String> refused = gzipped(forged);
      assertTrue(
          refused.statusCode() == 415 || refused.statusCode() == 403,
          refused.statusCode() + " " + refused.body());
      assertTrue(!refused.body().contains("posted"), refused.body());
    }
    // without a coding, a form without the CSRF token is still the 403
    errorPage(
        send("POST", "/edge-form", "name=a", "Content-Type", "application/x-www-form-urlencoded"),
        403);
  }

  @Test
  void aQueryParameterNotUrlEncodedUtf8IsA400NamingItOnPagesAndApi() throws Exception {
    // %FF was read as U+FFFD and searched for; forms were already refused so
    String page = errorPage(get("/edge-form?search=%FF&x=1"), 400);
    assertTrue(page.contains("Query parameter(s) not URL-encoded UTF-8: search"), page);
    assertTrue(page.contains("search: " + FormEncoding.NOT_UTF8), page);
    // HttpClient does not send a broken escape
    String broken =
        raw(
            "GET /edge-form?search=a%2 HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port()
                + "\r\nConnection: close\r\n\r\n",
            null);
    assertTrue(broken.startsWith("HTTP/1.1 400 "), broken);
    assertTrue(broken.contains("search: " + FormEncoding.BROKEN_ESCAPE), broken);
    assertTrue(broken.contains("<!DOCTYPE html>"), broken);
    java.util.Map<String, Object> api =
        problem(
            get("/api/things/kinds/host?mac=%C3&mine=1", "Authorization", basic("root", "r00t:pw")),
            400);
    assertEquals(
        java.util.Map.of("mac", java.util.List.of(FormEncoding.NOT_UTF8)), api.get("errors"));
    assertEquals("Query parameter(s) not URL-encoded UTF-8: mac", api.get("detail"));
    HttpResponse<String> taken = get("/edge-form?search=%C3%A9+a%2Bb");
    assertEquals(200, taken.statusCode(), taken.body());
    assertEquals("search é a+b", taken.body());
  }

  /** The site's error page with this status in an answer read off the socket. */
  private static String rawErrorPage(String answer, int status) {
    assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
    assertTrue(answer.contains("\r\nContent-Type: text/html;charset=utf-8\r\n"), answer);
    assertTrue(answer.contains("\r\n\r\n<!DOCTYPE html>"), answer);
    assertTrue(answer.contains("Content-Security-Policy: default-src 'self'"), answer);
    return answer;
  }

  @Test
  void whileStartingPagesAreThe503PageWithRetryAfterAndTheApiAProblem() throws Exception {
    // a browser reloading a page during a restart was shown the API's JSON
    waitingFor = java.util.Optional.of("bundle cores.web (starting)");
    try {
      eventually(() -> status("/edge-form") == 503);
      HttpResponse<String> page = get("/edge-form");
      assertTrue(errorPage(page, 503).contains(ReadinessGate.DETAIL), page.body());
      assertEquals("1", page.headers().firstValue("Retry-After").orElse(""));
      assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
      HttpResponse<String> api = get("/api/things");
      assertEquals(ReadinessGate.DETAIL, problem(api, 503).get("detail"));
      assertEquals("1", api.headers().firstValue("Retry-After").orElse(""));
    } finally {
      waitingFor = java.util.Optional.empty();
      eventually(() -> status("/edge-form") == 200);
    }
  }

  @Test
  void aFormBodyOverTheLimitIsThe413PageOnPagesAndAProblemOnTheApi() throws Exception {
    // an upload form's too large body was answered with the API's JSON
    String big = "name=" + "x".repeat(MAX_BODY);
    String page =
        errorPage(
            send("POST", "/edge-form", big, "Content-Type", "application/x-www-form-urlencoded"),
            413);
    assertTrue(page.contains("larger than the server accepts (" + MAX_BODY + " bytes)"), page);
    problem(send("POST", "/api/things", big), 413);
  }

  @Test
  void aContentLengthOverTheLimitIsRefusedUnreadAndEndsTheConnection() throws Exception {
    // the 413 kept the connection open with the body unread: the next request on it would have
    // been read from the body's bytes, and a browser still uploading saw a reset
    for (String path : new String[] {"/edge-form", "/api/things"}) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(10_000);
        String head =
            "POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + (MAX_BODY * 10)
                + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // only the start of the body: the answer and the close come without the rest
        socket
            .getOutputStream()
            .write("name=".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        // read to the end: a connection kept open would time out here
        String answer =
            new String(
                socket.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
        assertTrue(
            answer.contains("larger than the server accepts (" + MAX_BODY + " bytes)"), answer);
      }
    }
  }

  @Test
  void aChunkedBodyOverTheLimitIsThe413PageOnPages() throws Exception {
    // cut off while Jersey reads it, so its mapper and HtmlProblems answer: a page already
    String answer =
        chunkedOverTheLimit(
            "/edge-form/raw",
            // a visitor of this site: past the CSRF check, to the body's reading
            "Cookie: cores_visitor=aaaaaaaaaaaaaaaa\r\nX-CSRFToken: "
                + new cores.http.auth.CsrfTokens(SECRET).tokenFor("visitor:aaaaaaaaaaaaaaaa")
                + "\r\n");
    rawErrorPage(answer, 413);
  }

  @Test
  void aForeignHostIsThe400PageOnPagesWithTheHostNeverRaw() throws Exception {
    // a link under another name (DNS rebinding, a mistyped proxy) showed the API's JSON
    String answer =
        rawErrorPage(
            raw("GET /edge-form HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", null),
            400);
    assertTrue(answer.contains("Invalid Host header."), answer);
    assertTrue(answer.contains("X-Frame-Options: DENY"), answer);
    // a Host that is markup: refused, by Jetty or the check, and never echoed as markup
    String markup =
        raw(
            "GET /edge-form HTTP/1.1\r\nHost: <b>evil</b>.example\r\n"
                + "Connection: close\r\n\r\n",
            null);
    rawErrorPage(markup, 400);
    assertTrue(!markup.contains("<b>"), markup);
    String api =
        raw("GET /api/things HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", null);
    assertTrue(api.startsWith("HTTP/1.1 400 "), api);
    assertTrue(api.contains("application/problem+json"), api);
  }

  @Test
  void requestsJettyRefusesAreThe400PageOnPagesAndAProblemOnTheApi() throws Exception {
    // Jetty's own refusals went through the problem error handler: JSON on every path
    String badHeader =
        raw("GET /edge-form HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n", null);
    rawErrorPage(badHeader, 400);
    String ambiguous =
        raw(
            "GET /edge-form/%2F..%2Fx HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            null);
    rawErrorPage(ambiguous, 400);
    // what Jetty says of the request is text on the page, never markup
    String markup = raw("GET /edge-form HTTP/1.1\r\nHost: localhost\r\nX<b>: 1\r\n\r\n", null);
    rawErrorPage(markup, 400);
    // Jetty names the character it refused: escaped
    assertTrue(markup.contains("&lt;") && !markup.contains("'<'"), markup);
    for (String request :
        new String[] {
          "GET /api/things HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
          "GET /api/things/%2F..%2Fx HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        }) {
      String api = raw(request, null);
      assertTrue(api.startsWith("HTTP/1.1 400 "), api);
      assertTrue(api.contains("application/problem+json"), api);
    }
  }
}
