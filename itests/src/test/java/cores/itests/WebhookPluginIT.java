package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party channel: the webhook plugin (bundles/notify-webhook, built only against the API, in
 * no feature), which declares its own switch WEBHOOK_URL, is dropped into the plugins folder of a
 * running platform started with that variable and no channel; the message queued before is then
 * posted to a local HTTP server as {@code {"text": ...}}.
 */
class WebhookPluginIT {
  private static final String PLUGIN_DESCRIPTOR =
      "OSGI-INF/cores.notify.webhook.WebhookChannel.xml";

  private static TestDatabase db;
  private static HttpServer hook;
  private static final BlockingQueue<String> posted = new LinkedBlockingQueue<>();

  @TempDir Path plugins;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.migrated();
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hooks/cores",
        exchange -> {
          posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    hook.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    hook.stop(0);
    db.close();
  }

  @Test
  void theDroppedPluginDeliversWhatWasQueuedWithoutAChannel() throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("webhook")
            .env(db.environment())
            .env("CORES_PLUGINS", plugins.toString())
            .env("WEBHOOK_URL", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/cores")
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));
      // the notify bundle migrates its table independently of the health answer
      long migrated = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (count("SELECT count(*) FROM pg_tables WHERE tablename = 'notify_outbox'") == 0) {
        assertTrue(System.nanoTime() < migrated, "no notify_outbox table\n" + cores.output());
        Thread.sleep(100);
      }
      execute(
          "INSERT INTO notify_outbox (type, recipient, data) VALUES ('reservation_nag',"
              + " 'ann@example.org', '{\"host\": \"lab-9\", \"host_id\": \"9\", \"start\": \"2026-01-05\"}')");
      // no channel: the dispatcher leaves it pending, recorded and visible
      Thread.sleep(2500);
      assertEquals(
          1, count("SELECT count(*) FROM notify_outbox WHERE status = 'pending' AND attempts = 0"));

      Files.copy(webhookPlugin(), plugins.resolve("cores-notify-webhook.jar"));

      String body = posted.poll(30, TimeUnit.SECONDS);
      assertNotNull(body, "nothing posted within 30 s\n" + cores.output());
      assertTrue(body.startsWith("{\"text\":\"Do you still need lab-9?\\n\\n"), body);
      assertTrue(body.contains("/hosts/9/"), body);
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (count(
              "SELECT count(*) FROM notify_outbox WHERE status = 'sent' AND delivered_to = '{webhook}'")
          != 1) {
        assertTrue(System.nanoTime() < until, "row not marked sent");
        Thread.sleep(200);
      }
      assertWebhookUrlMasked(cores);
      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }

  /**
   * The URL carries the incoming webhook's token: the plugin's metatype types it as a password, so
   * the System page and /api/system show WEBHOOK_URL masked, never in clear.
   */
  private static void assertWebhookUrlMasked(CoresProcess cores) throws Exception {
    String owner = ApiClient.insertUser(db::connect, "sysowner", true);
    for (String path : List.of("/api/system", "/admin/system")) {
      HttpResponse<String> shown =
          cores.send(
              HttpRequest.newBuilder(cores.uri(path)).header("Authorization", owner).build());
      assertEquals(200, shown.statusCode(), path + ": " + shown.body());
      assertTrue(shown.body().contains("WEBHOOK_URL"), path + ": " + shown.body());
      assertFalse(shown.body().contains("/hooks/cores"), path + ": " + shown.body());
    }
    String system =
        cores
            .send(
                HttpRequest.newBuilder(cores.uri("/api/system"))
                    .header("Authorization", owner)
                    .build())
            .body();
    assertTrue(system.contains("\"WEBHOOK_URL\":\"****\""), system);
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The plugin's packaged jar: a test dependency, found on the classpath. */
  private static Path webhookPlugin() throws IOException, URISyntaxException {
    URL descriptor = WebhookPluginIT.class.getClassLoader().getResource(PLUGIN_DESCRIPTOR);
    if (descriptor == null || !"jar".equals(descriptor.getProtocol())) {
      throw new AssertionError("the packaged cores-notify-webhook jar is not on the classpath");
    }
    return Path.of(((JarURLConnection) descriptor.openConnection()).getJarFileURL().toURI());
  }
}
