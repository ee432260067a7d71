package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distribution with SMTP_SERVER pointing at GreenMail in the test JVM: events written to the
 * outbox in the documented format (bundles/notify/README.md: what the domain's Outbox.enqueue
 * writes) arrive as email with both parts, the host link under HOSTNAME and hostile data inert; the
 * admin endpoint counts them.
 */
class NotifyIT {
  private static final String PASSWORD = "notify-it-" + System.nanoTime();
  private static TestDatabase db;
  private static GreenMail mail;
  private static int smtpPort;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.migrated();
    try (CoresProcess command =
        CoresProcess.builder("notify-createsuperuser")
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", PASSWORD)
            .args("createsuperuser", "--username", "admin", "--email", "admin@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
    }
    smtpPort = CoresProcess.freePort();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    mail.stop();
    db.close();
  }

  @Test
  void queuedEventsArriveAsEmailAndAdminsSeeTheCounts() throws Exception {
    try (CoresProcess cores =
        CoresProcess.builder("notify")
            .env(db.environment())
            .env("HOSTNAME", "cores.example.org")
            .env("SMTP_SERVER", "127.0.0.1")
            .env("SMTP_PORT", Integer.toString(smtpPort))
            .env("SMTP_FROM", "lab@example.org")
            .start()) {
      cores.awaitStarted(Duration.ofSeconds(90));
      cores.awaitHealthy(Duration.ofSeconds(30));

      long confirmed =
          enqueue(
              "booking_confirmed",
              "ann@example.org",
              "{\"host\": \"lab-7\", \"host_id\": \"7\", \"start\": \"2026-12-01\", \"end\": \"2026-12-02\"}");
      long hostile =
          enqueue(
              "booking_reminder",
              "bob@example.org",
              "{\"host\": \"<script>alert(1)</script>\", \"host_id\": \"8\","
                  + " \"previous_holder\": \"<img src=x onerror=alert(2)>\"}");
      assertTrue(
          mail.waitForIncomingEmail(30_000, 2), "two messages within 30 s\n" + cores.output());

      MimeMessage ann = to("ann@example.org");
      assertEquals("Booking confirmed: lab-7", ann.getSubject());
      assertEquals("lab@example.org", ann.getFrom()[0].toString());
      assertTrue(
          ann.getMessageID().matches("<outbox\\." + confirmed + "\\.\\d+@cores\\.example\\.org>"),
          ann.getMessageID());
      MimeMultipart parts = (MimeMultipart) ann.getContent();
      assertEquals(2, parts.getCount());
      assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
      assertTrue(
          parts
              .getBodyPart(0)
              .getContent()
              .toString()
              .contains("https://cores.example.org/hosts/7/"));
      assertTrue(parts.getBodyPart(1).isMimeType("text/html"));

      MimeMessage bob = to("bob@example.org");
      String html = ((MimeMultipart) bob.getContent()).getBodyPart(1).getContent().toString();
      assertFalse(html.contains("<script>") || html.contains("<img"), html);
      assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
      assertTrue(bob.getMessageID().startsWith("<outbox." + hostile + "."), bob.getMessageID());

      assertEquals(401, cores.get("/api/notifications/outbox").statusCode());
      HttpResponse<String> outbox = asAdmin(cores, "GET", "/api/notifications/outbox");
      assertEquals(200, outbox.statusCode(), outbox.body());
      assertTrue(outbox.body().contains("\"sent\":2"), outbox.body());
      assertTrue(outbox.body().contains("\"channels\":[\"smtp\"]"), outbox.body());
      assertEquals(
          404,
          asAdmin(cores, "POST", "/api/notifications/outbox/" + confirmed + "/retry").statusCode());

      // a dead letter, as the dispatcher leaves it after its last attempt, is listed, counted in
      // /api/system, and put back in the queue by an admin: then it is delivered
      long dead;
      try (Connection c = db.connect();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO notify_outbox (type, recipient, data, status, attempts, last_error)"
                      + " VALUES ('reservation_nag', 'carol@example.org',"
                      + " '{\"host\": \"lab-9\", \"host_id\": \"9\"}', 'failed', 10, 'smtp: gone')"
                      + " RETURNING id");
          ResultSet rs = insert.executeQuery()) {
        rs.next();
        dead = rs.getLong(1);
      }
      HttpResponse<String> listed = asAdmin(cores, "GET", "/api/notifications/outbox");
      assertTrue(listed.body().contains("\"last_error\":\"smtp: gone\""), listed.body());
      HttpResponse<String> system = asAdmin(cores, "GET", "/api/system");
      assertTrue(
          system.body().contains("\"notificationOutbox\":{\"pending\":0,\"sent\":2,\"failed\":1}"),
          system.body());
      HttpResponse<String> retried =
          asAdmin(cores, "POST", "/api/notifications/outbox/" + dead + "/retry");
      assertEquals(200, retried.statusCode(), retried.body());
      assertEquals("{\"requeued\":1}", retried.body());
      assertTrue(mail.waitForIncomingEmail(30_000, 3), "the retried message arrives");
      assertEquals("Do you still need lab-9?", to("carol@example.org").getSubject());

      assertEquals(0, cores.stop(), "exit code after SIGTERM");
    }
  }

  /** Writes an outbox row as Outbox.enqueue does for an address (README: the row format). */
  private static long enqueue(String type, String recipient, String data) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO notify_outbox (type, recipient, data) VALUES (?, ?, ?::jsonb) RETURNING id")) {
      insert.setString(1, type);
      insert.setString(2, recipient);
      insert.setString(3, data);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static MimeMessage to(String recipient) throws Exception {
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
        return m;
      }
    }
    throw new AssertionError("no message to " + recipient);
  }

  private static HttpResponse<String> asAdmin(CoresProcess cores, String method, String path)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(cores.uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", ApiClient.basic("admin", PASSWORD))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return cores.send(request);
  }
}
