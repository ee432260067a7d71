package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The JSON API of a booted {@link CoresProcess} as the integration tests call it: users created
 * straight in its {@link TestDatabase}, their API tokens, and requests with an {@code
 * Authorization} header (or none) and a JSON body (or none).
 *
 * <pre>{@code
 * ApiClient api = ApiClient.boot("my-test", builder -> builder); // or new ApiClient(cores, db)
 * String admin = api.token(api.user("admin", true));
 * HttpResponse<String> r = api.send("GET", "/api/inventory/host/", admin, null);
 * }</pre>
 */
final class ApiClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
  private static final Pattern KEY = Pattern.compile("\"key\":\"([^\"]+)\"");

  private final CoresProcess cores;
  private final TestDatabase db;

  ApiClient(CoresProcess cores, TestDatabase db) {
    this.cores = cores;
    this.db = db;
  }

  /**
   * Boots the distribution on a fresh database that already holds its schema ({@link
   * TestDatabase#migrated()}), waiting until it is started and healthy; {@link #close()} then stops
   * it and drops the database.
   *
   * @param configure adds environment to the builder (which already has the database's)
   */
  static ApiClient boot(String name, UnaryOperator<CoresProcess.Builder> configure)
      throws Exception {
    TestDatabase db = TestDatabase.migrated();
    CoresProcess cores = null;
    try {
      cores = configure.apply(CoresProcess.builder(name).env(db.environment())).start();
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      return new ApiClient(cores, db);
    } catch (Exception | Error e) {
      if (cores != null) {
        cores.close();
      }
      db.close();
      throw e;
    }
  }

  CoresProcess cores() {
    return cores;
  }

  TestDatabase db() {
    return db;
  }

  /** Stops the distribution and drops its database. */
  @Override
  public void close() throws SQLException {
    cores.close();
    db.close();
  }

  /**
   * Creates a user (email {@code username@example.org}) in the migrated schema, as createsuperuser
   * would without booting a second framework, with a Django-format hash of few iterations (logins
   * rehash it).
   *
   * @return the user's HTTP Basic {@code Authorization} header
   */
  String user(String username, boolean superuser) throws Exception {
    return insertUser(db::connect, username, superuser);
  }

  /** Opens a connection to the database under test. */
  @FunctionalInterface
  interface Connections {
    Connection connect() throws SQLException;
  }

  /** {@link #user} in the database {@code connections} reach (e.g. a server of the test's own). */
  static String insertUser(Connections connections, String username, boolean superuser)
      throws Exception {
    String password = username + "-pw-" + System.nanoTime();
    String salt = "salt" + System.nanoTime();
    byte[] hash =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(
                new PBEKeySpec(
                    password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 1000, 256))
            .getEncoded();
    try (Connection c = connections.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO auth_user (username, email, password, is_staff, is_superuser)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, username);
      insert.setString(2, username + "@example.org");
      insert.setString(
          3, "pbkdf2_sha256$1000$" + salt + "$" + Base64.getEncoder().encodeToString(hash));
      insert.setBoolean(4, superuser);
      insert.setBoolean(5, superuser);
      insert.executeUpdate();
    }
    return basic(username, password);
  }

  /**
   * Logs the user in as a browser does, asserting 200: the answer sets the session's and its CSRF
   * token's cookies.
   *
   * @param basic the user's HTTP Basic header, as {@link #user} returns it (its name and password
   *     need no escaping in JSON)
   */
  HttpResponse<String> login(String basic) throws Exception {
    String[] credentials =
        new String(
                Base64.getDecoder().decode(basic.substring("Basic ".length())),
                StandardCharsets.UTF_8)
            .split(":", 2);
    HttpResponse<String> login =
        send(
            "POST",
            "/api/auth/login",
            null,
            "{\"username\":\"" + credentials[0] + "\",\"password\":\"" + credentials[1] + "\"}");
    assertEquals(200, login.statusCode(), login.body());
    return login;
  }

  /**
   * A new API token of a user (API.md's "admin" endpoints take a staff user's, cron a superuser's).
   *
   * @param basic the user's HTTP Basic header, as {@link #user} returns it
   * @return the token's {@code Authorization} header
   */
  String token(String basic) throws Exception {
    HttpResponse<String> issued = send("POST", "/api/auth/tokens", basic, "{\"label\":\"it\"}");
    Matcher m = KEY.matcher(issued.body());
    assertTrue(m.find(), issued.statusCode() + " " + issued.body());
    return "Token " + m.group(1);
  }

  /**
   * @param authorization the {@code Authorization} header, or null for an anonymous request
   * @param json the body, sent as {@code application/json}, or null for none
   */
  HttpRequest request(String method, String path, String authorization, String json) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(cores.uri(path))
            .timeout(TIMEOUT)
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  /** Sends {@link #request} and waits for the answer. */
  HttpResponse<String> send(String method, String path, String authorization, String json)
      throws Exception {
    return cores.send(request(method, path, authorization, json));
  }

  /** Sends {@link #request} without waiting, for concurrent calls. */
  CompletableFuture<HttpResponse<String>> sendAsync(
      String method, String path, String authorization, String json) {
    return cores.sendAsync(request(method, path, authorization, json));
  }

  /** POSTs the JSON and asserts 201 Created. */
  HttpResponse<String> created(String path, String authorization, String json) throws Exception {
    HttpResponse<String> response = send("POST", path, authorization, json);
    assertEquals(201, response.statusCode(), path + ": " + response.body());
    return response;
  }

  /** The first {@code "id"} number of the answer's JSON. */
  static long id(HttpResponse<String> response) {
    Matcher m = ID.matcher(response.body());
    assertTrue(m.find(), response.statusCode() + " " + response.body());
    return Long.parseLong(m.group(1));
  }

  static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
