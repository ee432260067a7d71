package cores.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import cores.api.notify.DeliveryException;
import cores.api.notify.Notification;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

class WebhookChannelTest {
  private HttpServer server;
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          bodies.add(
              exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(0);
  }

  private WebhookChannel channel() throws ConfigurationException {
    return channel("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static WebhookChannel channel(String url) throws ConfigurationException {
    return new WebhookChannel(
        new WebhookConfig() {
          @Override
          public Class<? extends Annotation> annotationType() {
            return WebhookConfig.class;
          }

          @Override
          public String url() {
            return url;
          }

          @Override
          public String name() {
            return "webhook";
          }

          @Override
          public String timeoutMillis() {
            return "5000";
          }
        });
  }

  @Test
  void aMissingOrNonHttpUrlIsRefusedByItsProperty() throws Exception {
    ConfigurationException missing = assertThrows(ConfigurationException.class, () -> channel(" "));
    assertEquals("url", missing.getProperty());
    assertEquals("required", missing.getReason());
    ConfigurationException ftp =
        assertThrows(ConfigurationException.class, () -> channel("ftp://example.org/hook"));
    assertEquals("\"ftp://example.org/hook\" is not an http:// or https:// URL", ftp.getReason());
  }

  @Test
  void postsSlackCompatibleJson() throws Exception {
    channel()
        .deliver(
            new Notification(
                "outbox.1.2@h", "a@example.org", "Booking \"x\"", "line1\nline2\t\\", "<p>"));
    assertEquals(
        "application/json; charset=utf-8 {\"text\":\"Booking \\\"x\\\"\\n\\nline1\\nline2\\t\\\\\"}",
        bodies.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void aNon2xxAnswerIsAFailedDelivery() {
    status.set(500);
    Notification n = new Notification("id", "a@example.org", "s", "t", null);
    assertThrows(DeliveryException.class, () -> channel().deliver(n));
  }

  @Test
  void controlCharactersAreEscaped() throws Exception {
    assertEquals("\"a\\u0001\\u2028\"", Json.string("a\u0001\u2028"));
  }
}
