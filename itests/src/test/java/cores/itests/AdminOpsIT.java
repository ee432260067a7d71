package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

/**
 * The admin's operator pages in a real browser through the stack's nginx: a message that failed
 * while the mail server was down is listed on the outbox page with its error, retried once the
 * server is back and sent; failed messages are retried all at once without JavaScript; a staff
 * member runs the maintenance job now, without JavaScript, and sees the run listed; the system page
 * lists the bundles and shows the secret key masked. Each retry and run is in the change log under
 * the user who asked. A staff member who is not a superuser sees only the jobs, and gets 403 on the
 * system and outbox pages and on a forged retry. axe-core finds no serious problem on any page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminOpsIT {
  private static final String SECRET = "ops-" + Long.toHexString(System.nanoTime()) + "-secret";

  /** A zone where it is about noon now, with both jobs at 23:59: only the runs asked for run. */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  private final HttpClient http = HttpClient.newHttpClient();
  private ServerSetup smtp;
  private GreenMail mail;
  private WebSite site;
  private Browser root;
  private WebSite.Account sam;

  @BeforeAll
  void start() throws Exception {
    smtp = new ServerSetup(CoresProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    site =
        WebSite.start(
            "admin-ops",
            b ->
                b.env("HOSTNAME", "cores.example.org")
                    .env("SMTP_SERVER", "127.0.0.1")
                    .env("SMTP_PORT", Integer.toString(smtp.getPort()))
                    .env("SMTP_FROM", "lab@example.org")
                    .env("CORES_MAIL_RETRY_SECONDS", "1")
                    .env("CORES_MORNING_JOB_AT", "23:59")
                    .env("CORES_MAINTENANCE_JOB_AT", "23:59")
                    .env("CORES_TIME_ZONE", EtcZones.of(ZONE))
                    .env("SECRET_KEY", SECRET));
    root = site.browser(true, 1280);
    WebSite.logIn(root, site.user("root", true));
    sam = site.user("sam", false);
    site.api().db().execute("UPDATE auth_user SET is_staff = true WHERE username = 'sam'");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      site.close();
    } finally {
      if (mail != null) {
        mail.stop();
      }
    }
  }

  private long number(String query, Object... values) throws Exception {
    return site.api().db().number(query, values);
  }

  private void awaitSent(long id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (number("SELECT count(*) FROM notify_outbox WHERE status = 'sent' AND id = ?", id) == 0) {
      assertTrue(System.nanoTime() < deadline, "message " + id + " not sent within 60 s");
      Thread.sleep(250);
    }
  }

  @Test
  @Order(1)
  void aMessageThatFailedWhileTheMailServerWasDownIsRetriedFromTheOutboxPage() throws Exception {
    long id =
        number(
            "INSERT INTO notify_outbox (type, recipient, data) VALUES ('reservation_nag',"
                + " 'ann@example.org', '{\"host\": \"ops-1\", \"host_id\": \"1\","
                + " \"start\": \"2026-01-05\"}') RETURNING id");
    // the mail server is down: the attempts fail with the channel's error
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (number(
            "SELECT count(*) FROM notify_outbox WHERE id = ? AND attempts >= 2"
                + " AND last_error IS NOT NULL",
            id)
        == 0) {
      assertTrue(System.nanoTime() < deadline, "no failed attempt within 60 s");
      Thread.sleep(250);
    }
    // its ten attempts with backoff would take minutes: the budget is used up here as the
    // dispatcher does after the last one (status, time), keeping the real error
    site.api()
        .db()
        .execute("UPDATE notify_outbox SET status = 'failed', failed_at = now() WHERE id = ?", id);
    String error = site.api().db().text("SELECT last_error FROM notify_outbox WHERE id = ?", id);

    root.open("/admin");
    root.follow("#operations a[href='/admin/outbox']");
    assertTrue(
        root.find("#counts").getText().contains("1\nfailed"), root.find("#counts").getText());
    WebElement row = root.find("#message-" + id);
    assertTrue(row.getText().contains("ann@example.org"), row.getText());
    assertTrue(row.getText().contains("reservation nag"), row.getText());
    assertTrue(row.getText().contains(error), row.getText() + " / " + error);
    assertTrue(root.find("#channels").getText().contains("smtp"), root.text());
    root.assertAccessible();
    root.screenshot("admin-outbox-failed");

    mail = new GreenMail(smtp);
    mail.start();
    root.follow("#message-" + id + " button[type=submit]");
    assertEquals("The message is back in the queue.", root.find("[role=status]").getText());
    awaitSent(id);
    assertTrue(mail.waitForIncomingEmail(10_000, 1), "the retried message arrives");
    assertEquals("ann@example.org", mail.getReceivedMessages()[0].getAllRecipients()[0].toString());
    root.open("/admin/outbox");
    assertTrue(root.all("#failed").isEmpty(), root.text());
    assertTrue(root.find("#counts").getText().contains("0\nfailed"), root.text());
    assertTrue(root.find("#channels").getText().contains("smtp 0 1 0"), root.text());
    root.assertAccessible();
    root.screenshot("admin-outbox-retried");
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM cores_change WHERE model = 'outboxretry' AND username = 'root'"
                + " AND (after ->> 'message_id')::bigint = ?",
            id));
  }

  @Test
  @Order(2)
  void everyFailedMessageIsRetriedAtOnceWithoutJavaScript() throws Exception {
    long id =
        number(
            "INSERT INTO notify_outbox (type, recipient, data, status, attempts, last_error,"
                + " failed_at) VALUES ('reservation_nag', 'bob@example.org', '{\"host\": \"ops-2\","
                + " \"host_id\": \"2\"}', 'failed', 10, 'Connection refused', now()) RETURNING id");
    Browser plain = site.browser(false, 390);
    WebSite.logIn(plain, site.user("rita", true));
    plain.open("/admin/outbox");
    assertTrue(plain.find("#message-" + id).getText().contains("Connection refused"));
    plain.assertAccessible();
    plain.screenshot("admin-outbox-phone");
    plain.follow("#retry-all");
    assertEquals("Back in the queue: 1 message.", plain.find("[role=status]").getText());
    awaitSent(id);
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM cores_change WHERE model = 'outboxretry' AND username = 'rita'"
                + " AND after ->> 'message_id' IS NULL AND (after ->> 'requeued')::int = 1"));
    // the home's recent actions name both retries by what they put back and when, not by id
    Instant at =
        Instant.ofEpochSecond(
            number(
                "SELECT extract(epoch FROM date_trunc('second', max(at)))::bigint"
                    + " FROM notify_retry WHERE message_id IS NULL"));
    long one = number("SELECT message_id FROM notify_retry WHERE message_id IS NOT NULL");
    root.open("/admin");
    List<String> named =
        root.all("section[aria-labelledby='recent-heading'] a[href='/admin/outbox']").stream()
            .map(WebElement::getText)
            .toList();
    assertTrue(
        named.contains(
            "outbox retry of every failed message (1) at "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(at.atOffset(ZONE))
                + " "
                + EtcZones.of(ZONE)),
        named.toString());
    assertTrue(
        named.stream().anyMatch(n -> n.startsWith("outbox retry of message #" + one + " at ")),
        named.toString());
  }

  @Test
  @Order(3)
  void aSuperuserRunsAJobNowWithoutJavaScriptAndSeesItsRunWhichOtherStaffOnlySee()
      throws Exception {
    Browser staff = site.browser(true, 1280);
    WebSite.logIn(staff, sam);
    staff.open("/admin");
    assertEquals(
        List.of("/admin/jobs"),
        staff.all("#operations a").stream().map(a -> a.getAttribute("pathname")).toList(),
        "a staff member who is no superuser sees only the jobs");
    staff.follow("#operations a[href='/admin/jobs']");
    assertTrue(staff.find("#jobs").getText().contains("23:59"), staff.find("#jobs").getText());
    // as the outbox's retry: running a job is the superusers' (no button, a forged post refused)
    assertTrue(staff.all("#run-maintenance").isEmpty(), staff.text());
    String token =
        URLEncoder.encode(
            staff.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
            StandardCharsets.UTF_8);
    HttpResponse<String> forged =
        post(staff, "/admin/jobs/maintenance/run", "csrfmiddlewaretoken=" + token);
    assertEquals(403, forged.statusCode(), forged.body());
    assertEquals(0, number("SELECT count(*) FROM jobs_run WHERE trigger = 'manual'"));

    Browser plain = site.browser(false, 390);
    WebSite.logIn(plain, site.user("opsroot", true));
    plain.open("/admin/jobs");
    plain.follow("#run-maintenance");
    assertEquals("The maintenance job ran: ok.", plain.find("[role=status]").getText());
    long run = number("SELECT max(id) FROM jobs_run WHERE job = 'maintenance'");
    WebElement row = plain.find("#run-" + run);
    assertTrue(row.getText().contains("manual"), row.getText());
    assertTrue(row.getText().contains("ok"), row.getText());
    // only the steps that did something are named
    assertFalse(row.getText().contains(": 0"), row.getText());
    plain.assertAccessible();
    plain.screenshot("admin-jobs-phone");
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM cores_change WHERE app = 'jobs' AND model = 'run'"
                + " AND username = 'opsroot' AND object_id = ?",
            run));
    root.open("/admin");
    // the home's recent actions: the run named by its job and start, linked to its line
    Instant started =
        Instant.ofEpochSecond(
            number(
                "SELECT extract(epoch FROM date_trunc('second', started))::bigint FROM jobs_run"
                    + " WHERE id = ?",
                run));
    assertEquals(
        "maintenance job run at "
            + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(started.atOffset(ZONE))
            + " "
            + EtcZones.of(ZONE),
        root.find("a[href='/admin/jobs#run-" + run + "']").getText());
    root.follow("a[href='/admin/jobs#run-" + run + "']");
    assertTrue(root.find("#run-" + run).getText().contains("manual"), root.text());
    root.assertAccessible();
    root.screenshot("admin-jobs");
  }

  @Test
  @Order(4)
  void theSystemPageListsTheBundlesAndMasksTheSecrets() throws Exception {
    root.open("/admin");
    root.follow("#operations a[href='/admin/system']");
    String bundles = root.find("#bundles").getText();
    assertTrue(bundles.contains("cores.admin"), bundles);
    assertTrue(bundles.contains("cores.notify"), bundles);
    assertFalse(bundles.contains("RESOLVED"), "every bundle is active: " + bundles);
    assertTrue(root.find("#providers").getText().contains("smtp"), root.text());
    String config = root.find("#config").getText();
    assertTrue(config.contains("SECRET_KEY ****"), config);
    assertTrue(config.contains("SMTP_SERVER 127.0.0.1"), config);
    assertFalse(root.driver().getPageSource().contains(SECRET), "the secret is not on the page");
    root.assertAccessible();
    root.screenshot("admin-system");
  }

  @Test
  @Order(5)
  void aStaffMemberWhoIsNoSuperuserIsRefusedTheSystemAndTheOutbox() throws Exception {
    long failed =
        number(
            "INSERT INTO notify_outbox (type, recipient, status, last_error) VALUES"
                + " ('reservation_nag', 'eve@example.org', 'failed', 'x') RETURNING id");
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, sam);
    browser.open("/admin/system");
    assertTrue(browser.text().contains("403"), browser.text());
    assertFalse(browser.text().contains("SECRET_KEY"), browser.text());
    browser.assertAccessible();
    browser.open("/admin/outbox");
    assertTrue(browser.text().contains("403"), browser.text());
    browser.open("/admin/jobs");
    String token =
        URLEncoder.encode(
            browser.find("input[name='csrfmiddlewaretoken']").getAttribute("value"),
            StandardCharsets.UTF_8);
    for (String path : List.of("/admin/outbox/retry", "/admin/outbox/" + failed + "/retry")) {
      HttpResponse<String> forged = post(browser, path, "csrfmiddlewaretoken=" + token);
      assertEquals(403, forged.statusCode(), path + ": " + forged.body());
    }
    assertEquals(
        1, number("SELECT count(*) FROM notify_outbox WHERE status = 'failed' AND id = ?", failed));
    // without the token, even a superuser's post is refused
    HttpResponse<String> tokenless = post(root, "/admin/outbox/retry", "");
    assertEquals(403, tokenless.statusCode(), tokenless.body());
    assertEquals(
        1, number("SELECT count(*) FROM notify_outbox WHERE status = 'failed' AND id = ?", failed));
  }

  private HttpResponse<String> post(Browser browser, String path, String body) throws Exception {
    String session = browser.driver().manage().getCookieNamed("cores_session").getValue();
    return http.send(
        HttpRequest.newBuilder(URI.create(site.url() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", "cores_session=" + session)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
