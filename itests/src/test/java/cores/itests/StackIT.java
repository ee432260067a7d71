package cores.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The docker-compose stack without Docker (no engine runs here): Debian's nginx with the project's
 * own configuration (nginx/), the built distribution on a fresh database, the docs built by mkdocs
 * and the static assets copied by the image's entrypoint, checked through nginx's port as a browser
 * and an API client see them. The template itself: {@link ComposeTemplateIT}.
 *
 * <p>nginx, mkdocs (with mkdocs-material) and openssl are needed (.ci/run installs them): without
 * them it is skipped, or fails where {@link Tools} requires every program.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {

  /** HOSTNAME of the cores under test: the public name the browser uses. */
  private static final String SITE = "cores.stack.test";

  private static final String ADMIN = "stackadmin";

  private final Path repository = NativeStack.repository();
  private final Path distribution = CoresProcess.distribution();
  private Path work;
  private Path staticRoot;
  private Path site;
  private Path nginxBinary;
  private int nginxPort;
  private TestDatabase db;
  private CoresProcess cores;
  private String adminPassword;
  private NginxProcess nginx;

  @BeforeAll
  void startStack() throws Exception {
    nginxBinary = NativeStack.tool("nginx");
    Path mkdocs = NativeStack.tool("mkdocs");
    work =
        Files.createDirectories(
            Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
                .toAbsolutePath()
                .resolve("stack-" + System.currentTimeMillis()));

    // cores boots while the docs are built
    db = TestDatabase.create();
    cores = CoresProcess.builder("stack").env(db.environment()).env("HOSTNAME", SITE).start();

    // the docs service: mkdocs build, strict (a broken link or a missing page fails the build)
    site = work.resolve("docs-site");
    NativeStack.Result docs =
        NativeStack.run(
            work,
            Map.of(),
            mkdocs.toString(),
            "build",
            "--strict",
            "--config-file",
            repository.resolve("docs/mkdocs.yml").toString(),
            "--site-dir",
            site.toString());
    assertEquals(0, docs.exit(), "mkdocs build --strict failed:\n" + docs.output());

    // the cores service's entrypoint fills the static volume, which already holds a file
    staticRoot = Files.createDirectories(work.resolve("static-volume"));
    Files.writeString(staticRoot.resolve("kept.txt"), "put there by an operator");
    NativeStack.fillStaticVolume(work, staticRoot);

    cores.awaitHealthy(Duration.ofSeconds(90));

    // as `docker-compose exec cores bin/cores createsuperuser ...`: beside the server, same data
    adminPassword = "stack-" + System.nanoTime();
    try (CoresProcess command =
        CoresProcess.builder("stack-createsuperuser")
            .env(db.environment())
            .env("CORES_DATA", cores.dataDirectory().toString())
            .env("CORES_SUPERUSER_PASSWORD", adminPassword)
            .args("createsuperuser", "--username", ADMIN, "--email", "admin@stack.test")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
      assertEquals("Superuser " + ADMIN + " created.\n", command.output());
    }

    nginxPort = CoresProcess.freePort();
    Path conf =
        NativeStack.configuration(work, "nginx", cores.httpPort(), nginxPort, staticRoot, site);
    nginx = NginxProcess.start(nginxBinary, conf, nginxPort);
  }

  @AfterAll
  void stopStack() throws Exception {
    try {
      if (nginx != null) {
        nginx.close();
      }
    } finally {
      try {
        if (cores != null) {
          cores.close();
        }
      } finally {
        if (db != null) {
          db.close();
        }
      }
    }
  }

  @Test
  @Order(1)
  void healthThroughNginx() throws Exception {
    RawHttp.Response r = get("/api/health", SITE);
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.toString());
    assertTrue(r.text().matches("(?s).*\"status\"\\s*:\\s*\"UP\".*"), r.toString());
    // Cores' own security headers, exactly once: nginx adds none to proxied answers
    assertEquals(List.of("DENY"), r.all("X-Frame-Options"), r.toString());
    assertEquals(List.of("nosniff"), r.all("X-Content-Type-Options"), r.toString());
    assertEquals("no-store", r.header("Cache-Control"), r.toString());
    assertFalse(r.header("Server").contains("/"), "no version in Server: " + r.header("Server"));
  }

  @Test
  @Order(2)
  void apiCallWithATokenThroughNginx() throws Exception {
    Map<String, String> basic = headers(SITE);
    basic.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ADMIN + ":" + adminPassword).getBytes(StandardCharsets.UTF_8)));
    basic.put("Content-Type", "application/json");
    RawHttp.Response issued =
        RawHttp.send(nginxPort, "POST", "/api/auth/tokens", basic, "{\"label\": \"stack\"}");
    assertEquals(201, issued.status(), issued.toString());
    // built from the Host and scheme nginx forwarded: the browser's, not nginx's upstream
    assertTrue(
        issued.header("Location").startsWith("http://" + SITE + "/api/auth/tokens/"),
        issued.toString());
    Matcher key = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(issued.text());
    assertTrue(key.find(), issued.toString());

    Map<String, String> token = headers(SITE);
    token.put("Authorization", "Token " + key.group(1));
    RawHttp.Response test = RawHttp.get(nginxPort, "/api/auth-test", token);
    assertEquals(200, test.status(), test.toString());
    assertTrue(test.text().contains("You are authenticated as " + ADMIN), test.toString());

    RawHttp.Response anonymous = get("/api/auth-test", SITE);
    assertEquals(401, anonymous.status(), anonymous.toString());
  }

  @Test
  @Order(3)
  void staticAssetsFromTheVolumeTheEntrypointFilled() throws Exception {
    Path css = distribution.resolve("static/css/cores.css");
    Map<String, String> gzip = headers(SITE);
    gzip.put("Accept-Encoding", "gzip");
    RawHttp.Response r = RawHttp.get(nginxPort, "/static/css/cores.css", gzip);
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("text/css"), r.toString());
    assertEquals("gzip", r.header("Content-Encoding"), "gzip on:\n" + r);
    assertArrayEquals(Files.readAllBytes(css), r.decoded());
    assertTrue(r.text().contains("--cores-accent"), "the real stylesheet");
    assertEquals("nosniff", r.header("X-Content-Type-Options"), r.toString());
    assertTrue(r.header("Cache-Control").contains("max-age="), r.toString());

    // the pages link it by a fingerprinted name, which nginx serves from the same file for a year
    Matcher link =
        Pattern.compile("href=\"(/static/css/cores\\.[0-9a-f]{10}\\.css)\"")
            .matcher(get("/login", SITE).text());
    assertTrue(link.find(), "the login page links the fingerprinted stylesheet");
    RawHttp.Response versioned = get(link.group(1), SITE);
    assertEquals(200, versioned.status(), versioned.toString());
    assertArrayEquals(Files.readAllBytes(css), versioned.body());
    assertEquals(
        "public, max-age=31536000, immutable",
        versioned.header("Cache-Control"),
        versioned.toString());

    RawHttp.Response icon = get("/favicon.ico", SITE);
    assertEquals(200, icon.status(), icon.toString());
    assertArrayEquals(Files.readAllBytes(distribution.resolve("static/favicon.ico")), icon.body());

    // the entrypoint adds and overwrites, and never deletes what is in the volume
    assertEquals(
        "put there by an operator",
        Files.readString(staticRoot.resolve("kept.txt"), StandardCharsets.UTF_8));
    RawHttp.Response missing = get("/static/no-such-file.css", SITE);
    assertEquals(404, missing.status(), missing.toString());
  }

  @Test
  @Order(4)
  void docsPagesBuiltByMkdocs() throws Exception {
    RawHttp.Response redirect = get("/docs", SITE);
    assertEquals(301, redirect.status(), redirect.toString());
    assertEquals("/docs/", redirect.header("Location"), redirect.toString());

    RawHttp.Response index = get("/docs/", SITE);
    assertEquals(200, index.status(), index.toString());
    assertTrue(index.header("Content-Type").startsWith("text/html"), index.toString());
    assertTrue(index.text().contains("<title>Cores"), index.toString());

    RawHttp.Response page = get("/docs/docker-compose/", SITE);
    assertEquals(200, page.status(), page.toString());
    String html = page.text();
    assertTrue(html.contains("static_volume"), "the docker-compose page's volumes table");
    assertTrue(html.contains("If the volumes are destroyed, so is all the app"), "its warning");
    assertEquals("SAMEORIGIN", page.header("X-Frame-Options"), page.toString());
    assertEquals("same-origin", page.header("Referrer-Policy"), page.toString());
    assertNotNull(page.header("Content-Security-Policy"), page.toString());
  }

  @Test
  @Order(5)
  void coresRefusesAForeignHostWhichNginxForwardsAsReceived() throws Exception {
    RawHttp.Response foreign = get("/api/health", "evil.example.net");
    assertEquals(400, foreign.status(), foreign.toString());
    assertTrue(
        foreign.header("Content-Type").startsWith("application/problem+json"),
        "Cores' answer, not nginx's:\n" + foreign);
    assertTrue(foreign.text().contains("Invalid Host header"), foreign.toString());

    // names Cores always serves, with a port as a browser sends it
    assertEquals(200, get("/api/health", "nginx").status());
    assertEquals(200, get("/api/health", SITE + ":8443").status());
  }

  /**
   * nginx tells Cores the scheme the browser used (X-Forwarded-Proto), overriding whatever the
   * client claimed; Cores marks its cookies Secure exactly when that scheme is https.
   */
  @Test
  @Order(6)
  void forwardedProtoReachesCores() throws Exception {
    String login = "{\"username\": \"" + ADMIN + "\", \"password\": \"" + adminPassword + "\"}";

    Map<String, String> forged = headers(SITE);
    forged.put("Content-Type", "application/json");
    forged.put("X-Forwarded-Proto", "https");
    RawHttp.Response viaNginx = RawHttp.send(nginxPort, "POST", "/api/auth/login", forged, login);
    assertEquals(200, viaNginx.status(), viaNginx.toString());
    List<String> cookies = viaNginx.all("Set-Cookie");
    assertFalse(cookies.isEmpty(), viaNginx.toString());
    assertTrue(
        cookies.stream().noneMatch(c -> c.contains("Secure")),
        "nginx sends its own scheme (http) in place of the client's claim: " + cookies);

    RawHttp.Response direct =
        RawHttp.send(cores.httpPort(), "POST", "/api/auth/login", forged, login);
    assertEquals(200, direct.status(), direct.toString());
    assertTrue(
        direct.all("Set-Cookie").stream().allMatch(c -> c.contains("; Secure")),
        "Cores honours X-Forwarded-Proto: " + direct.all("Set-Cookie"));
  }

  /**
   * The login throttle counts failures per account and client address. Behind nginx the address is
   * the X-Real-IP that nginx sets, and Cores believes it only from nginx: a guesser at one address
   * (127.0.0.2) waits, the owner at another (127.0.0.3) logs in, and the guesser cannot pose as
   * someone else by sending the header to Cores directly.
   */
  @Test
  @Order(7)
  void throttlePerClientAddressBehindNginx() throws Exception {
    Map<String, String> owner = headers(SITE);
    owner.put("Authorization", ApiClient.insertUser(db::connect, "stackowner", false));
    // the guesser's failures so far: enough for the longest wait (15 minutes), so that nothing
    // here depends on how long the test takes
    for (int i = 0; i < 25; i++) {
      db.execute(
          "INSERT INTO auth_login_failure (username, client_address, failed_at)"
              + " VALUES ('stackowner', '127.0.0.2', now())");
    }
    RawHttp.Response guesser =
        RawHttp.sendFrom("127.0.0.2", nginxPort, "GET", "/api/auth-test", owner, null);
    assertEquals(429, guesser.status(), "even the right password, from there: " + guesser);
    assertTrue(Long.parseLong(guesser.header("Retry-After")) > 60, guesser.toString());

    RawHttp.Response elsewhere =
        RawHttp.sendFrom("127.0.0.3", nginxPort, "GET", "/api/auth-test", owner, null);
    assertEquals(200, elsewhere.status(), "the owner elsewhere is not held up: " + elsewhere);

    Map<String, String> forged = new LinkedHashMap<>(owner);
    forged.put("X-Real-IP", "127.0.0.3");
    RawHttp.Response direct =
        RawHttp.sendFrom("127.0.0.2", cores.httpPort(), "GET", "/api/auth-test", forged, null);
    assertEquals(429, direct.status(), "X-Real-IP from anyone but nginx is ignored: " + direct);
  }

  /**
   * The HTTPS example switched on as its instructions say (renamed to .conf, cores.conf removed, a
   * certificate in certs/), with a throwaway certificate for 127.0.0.1: plain HTTP redirects, and
   * over HTTPS nginx tells Cores the scheme, so Cores marks its cookies Secure; HSTS is sent.
   */
  @Test
  @Order(8)
  void httpsExampleRedirectsAndForwardsTheScheme() throws Exception {
    Path conf = NativeStack.copyOfNginxFolder(work, "nginx-https");
    Files.delete(conf.resolve("conf.d/cores.conf"));
    Path server = conf.resolve("conf.d/cores-https.conf");
    Files.move(conf.resolve("conf.d/cores-https.conf.example"), server);
    HttpsExample.certificate(conf);

    int httpPort = CoresProcess.freePort();
    int httpsPort = CoresProcess.freePort();
    // as the example says to write it for the nginx here
    String text =
        HttpsExample.forNginx(
            Files.readString(server, StandardCharsets.UTF_8), HttpsExample.version(nginxBinary));
    text = NativeStack.replaceOnce(text, "cores:8000", "127.0.0.1:" + cores.httpPort());
    text = NativeStack.replaceOnce(text, "listen 80;", "listen 127.0.0.1:" + httpPort + ";");
    text =
        NativeStack.replaceOnce(text, "listen 443 ssl", "listen 127.0.0.1:" + httpsPort + " ssl");
    text = NativeStack.replaceOnce(text, "/srv/static/", staticRoot + "/");
    text = NativeStack.replaceOnce(text, "/srv/docs/", site + "/");
    Files.writeString(server, text, StandardCharsets.UTF_8);

    try (NginxProcess https = NginxProcess.start(nginxBinary, conf, httpsPort)) {
      RawHttp.Response redirect =
          RawHttp.get(httpPort, "/api/health?x=1", headers("cores.example.com"));
      assertEquals(301, redirect.status(), redirect.toString());
      assertEquals(
          "https://cores.example.com/api/health?x=1",
          redirect.header("Location"),
          redirect.toString());

      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(trusting(conf.resolve("certs/cores.crt")))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String login = "{\"username\": \"" + ADMIN + "\", \"password\": \"" + adminPassword + "\"}";
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + httpsPort + "/api/auth/login"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(login))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      List<String> cookies = r.headers().allValues("set-cookie");
      assertFalse(cookies.isEmpty(), r.headers().toString());
      assertTrue(
          cookies.stream().allMatch(c -> c.contains("; Secure")),
          "X-Forwarded-Proto https reached Cores: " + cookies);
      assertTrue(
          r.headers().firstValue("strict-transport-security").orElse("").contains("max-age="),
          r.headers().toString());
    }
  }

  /** An SSL context that trusts exactly the given (self-signed) certificate. */
  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "stack", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /**
   * A required variable left blank: Cores exits at once with one line naming it, nginx answers 502
   * with its own plain page, and the static volume is left as it was.
   */
  @Test
  @Order(9)
  void blankSecretKeyStopsCoresAndNginxAnswers502() throws Exception {
    assertEquals(0, cores.stop(), cores.errors());

    assertUnavailablePage(get("/", SITE));
    RawHttp.Response down = get("/api/health", SITE);
    assertUnavailableProblem(down);

    Set<String> before = listing(staticRoot);
    NativeStack.fillStaticVolume(work, staticRoot); // as the container's restart would
    try (CoresProcess blank =
        CoresProcess.builder("stack-blank-secret")
            .env(db.environment())
            .env("HOSTNAME", SITE)
            .env("CORES_HTTP_PORT", Integer.toString(cores.httpPort()))
            .env("SECRET_KEY", "")
            .env("DEBUG", "False")
            .start()) {
      assertEquals(2, blank.awaitExit(Duration.ofSeconds(30)), blank.errors());
      String stderr = blank.errors();
      assertTrue(stderr.startsWith("cores: SECRET_KEY: required when DEBUG is False"), stderr);
      assertEquals(1, stderr.lines().count(), stderr);
    }
    assertEquals(before, listing(staticRoot));
    assertUnavailableProblem(get("/api/health", SITE));
  }

  /**
   * Basic credentials a browser cached ride on a form another site posts: refused by their Origin.
   * Behind an outer TLS proxy, nginx says X-Forwarded-Proto: http, yet the browser's origin
   * https://HOSTNAME is the site's own; curl, which sends no Origin, is not concerned.
   */
  @Test
  @Order(8)
  void basicCredentialsFromAnotherSiteAreRefusedAndTheSitesHttpsOriginIsItsOwn() throws Exception {
    Map<String, String> basic = headers(SITE);
    basic.put(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ADMIN + ":" + adminPassword).getBytes(StandardCharsets.UTF_8)));
    basic.put("Content-Type", "application/json");
    String body = "{\"label\": \"origin\"}";
    assertEquals(
        201, RawHttp.send(nginxPort, "POST", "/api/auth/tokens", basic, body).status(), "curl");
    basic.put("Origin", "https://" + SITE);
    RawHttp.Response own = RawHttp.send(nginxPort, "POST", "/api/auth/tokens", basic, body);
    assertEquals(201, own.status(), own.toString());
    basic.put("Origin", "https://evil.example");
    RawHttp.Response foreign = RawHttp.send(nginxPort, "POST", "/api/auth/tokens", basic, body);
    assertEquals(403, foreign.status(), foreign.toString());
    assertTrue(
        foreign.header("Content-Type").startsWith("application/problem+json"), foreign.toString());
    assertTrue(
        foreign
            .text()
            .contains("Cross-site request refused: it was sent from https://evil.example"),
        foreign.text());
  }

  /**
   * A body over nginx's client_max_body_size (11m, above Cores' own 10 MiB) is refused by nginx
   * from the head alone, as Cores would: problem+json under /api/, a plain page elsewhere, never
   * nginx's default page, with the site's security headers.
   */
  @Test
  @Order(8)
  void aBodyOverNginxsLimitIs413AsProblemJsonForTheApiAndAPageElsewhere() throws Exception {
    Map<String, String> headers = headers(SITE);
    headers.put("Content-Type", "application/json");
    long overNginxsLimit = 12L * 1024 * 1024;
    RawHttp.Response api =
        RawHttp.sendTruncated(
            nginxPort, "POST", "/api/auth/tokens", headers, overNginxsLimit, "{\"label\": \"");
    assertEquals(413, api.status(), api.toString());
    assertTrue(api.header("Content-Type").startsWith("application/problem+json"), api.toString());
    String problem = api.text();
    assertTrue(
        problem.contains("\"status\":413")
            && problem.contains("\"title\":\"Request Entity Too Large\"")
            && problem.contains("(10485760 bytes)"),
        problem);
    assertEquals("nosniff", api.header("X-Content-Type-Options"), api.toString());
    assertEquals("no-store", api.header("Cache-Control"), api.toString());

    headers.put("Content-Type", "application/x-www-form-urlencoded");
    RawHttp.Response page =
        RawHttp.sendTruncated(nginxPort, "POST", "/login", headers, overNginxsLimit, "username=");
    assertEquals(413, page.status(), page.toString());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
    String html = page.text();
    assertTrue(html.contains("What you sent is too large"), html);
    assertFalse(html.contains("<center>nginx"), "not nginx's default page: " + html);
    assertEquals("nosniff", page.header("X-Content-Type-Options"), page.toString());
  }

  /** Under /api/, nginx's own answer is problem+json, as Cores' are. */
  private static void assertUnavailableProblem(RawHttp.Response r) throws IOException {
    assertEquals(502, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.toString());
    String body = r.text();
    assertTrue(body.contains("\"status\":502") && body.contains("Cores is"), body);
    assertEquals("no-store", r.header("Cache-Control"), r.toString());
    assertEquals("30", r.header("Retry-After"), r.toString());
  }

  private static void assertUnavailablePage(RawHttp.Response r) throws IOException {
    assertEquals(502, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("text/html"), r.toString());
    String page = r.text();
    assertTrue(page.contains("Cores is not available right now"), page);
    assertFalse(page.contains("<center>nginx"), "not nginx's default page: " + page);
    assertEquals("no-store", r.header("Cache-Control"), r.toString());
  }

  // --- the stack's pieces --------------------------------------------------------------------

  private RawHttp.Response get(String path, String host) throws IOException {
    return RawHttp.get(nginxPort, path, headers(host));
  }

  private static Map<String, String> headers(String host) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", host);
    return headers;
  }

  private static Set<String> listing(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      Set<String> result = new TreeSet<>();
      for (Path p : paths.toList()) {
        result.add(folder.relativize(p) + " " + (Files.isDirectory(p) ? "dir" : Files.size(p)));
      }
      return result;
    }
  }
}
