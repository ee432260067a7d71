package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import cores.api.health.Health;
import cores.http.auth.AccountServices;
import cores.http.auth.AuthResource;
import cores.http.auth.AuthTestResource;
import cores.http.auth.CsrfTokens;
import cores.http.pages.PageLayouts;
import cores.http.system.HealthChecks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The real server (Jetty, Jersey, Jackson) in-process, spoken to over real HTTP: one server per
 * test class, with its helpers.
 */
abstract class ServerFixture {
  static final String SECRET = "test-secret-key";
  static final int MAX_BODY = 2048;

  /** An origin of the site that Cores does not see as its own (CORES_TRUSTED_ORIGINS). */
  static final String TRUSTED_ORIGIN = "https://portal.example.net:8443";

  static final ObjectMapper JSON = ObjectMapperResolver.newObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static TestAccounts accounts;
  static AccountServices serverAccounts;
  static AccountServices loginAccounts;
  static CoresServer server;
  static HealthChecks health;
  static final BlockingQueue<String> ACCESS_LOG = new LinkedBlockingQueue<>();
  static TestResources.FixedHealth database;

  /** What the server's readiness says: ready unless a test says otherwise. */
  static volatile Optional<String> waitingFor = Optional.empty();

  static String base;

  @BeforeAll
  static void start() throws Exception {
    accounts = new TestAccounts();
    serverAccounts = bound(new AccountServices());
    loginAccounts = bound(new AccountServices());
    health = new HealthChecks(Duration.ofMillis(500), Duration.ZERO);
    database = new TestResources.FixedHealth("database", Health.up());
    health.addIndicator(database);
    server =
        new CoresServer(
            new HttpSettings(
                0,
                "cores.example.org",
                false,
                SECRET,
                MAX_BODY,
                List.of("127.0.0.1"),
                0,
                List.of(TRUSTED_ORIGIN),
                ""),
            serverAccounts,
            health,
            () -> waitingFor,
            new PageLayouts(),
            new AccessLog(ACCESS_LOG::add));
    server.addResource(AuthResource.of(loginAccounts, new CsrfTokens(SECRET)));
    server.addResource(new AuthTestResource());
    server.addResource(new TestResources.Things());
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  private static AccountServices bound(AccountServices services) {
    services.bindAuthenticator(accounts);
    services.bindSessions(accounts);
    services.bindTokens(accounts);
    return services;
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    health.close();
  }

  // ---- helpers

  static HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !List.of(headers).contains("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(HttpResponse<String> response) throws IOException {
    return JSON.readValue(response.body(), Map.class);
  }

  static Map<String, Object> problem(HttpResponse<String> response, int status) throws IOException {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
    Map<String, Object> body = json(response);
    assertEquals(status, body.get("status"));
    assertNotNull(body.get("title"));
    assertEquals("about:blank", body.get("type"));
    return body;
  }

  /**
   * The answer to a POST of a chunked body twice {@link #MAX_BODY} (eight chunks of 512 bytes), cut
   * off while it is read as no {@code Content-Length} announced it.
   *
   * @param headers more of the request's headers, each ending with CRLF ("" for none)
   */
  static String chunkedOverTheLimit(String path, String headers) throws IOException {
    StringBuilder chunks = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      chunks.append("200\r\n").append("a".repeat(512)).append("\r\n");
    }
    chunks.append("0\r\n\r\n");
    return raw(
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + headers
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        chunks.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A request written by hand, for what HttpClient does not let us send (Host, chunks). */
  static String raw(String request, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          answer.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // the server may reset the connection after answering a refused body
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }

  static int status(String path) {
    try {
      return get(path).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
