package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The mail server goes away before the morning job runs and stays away while the job's reminders
 * are tried and retried (GreenMail stopped, then started again on the same port): afterwards every
 * message of the outbox arrives exactly once. The retries start after {@code
 * CORES_MAIL_RETRY_SECONDS=1}, so an outage of seconds spans several of them.
 */
class SmtpOutageIT {
  private static final int USERS = 2;
  private static final int BOOKINGS = 2 * USERS;
  private static final Duration MINIMUM_OUTAGE = Duration.ofSeconds(15);
  private static final String CONFIRMED = "booking_confirmed";
  private static final Pattern OUTBOX_ID = Pattern.compile("<outbox\\.(\\d+)\\.\\d+@");

  /** A zone where it is about noon now, with both jobs at 23:59: only the run asked for runs. */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  @Test
  void everyMailArrivesExactlyOnceAfterTheMailServerWasDownDuringTheMorningJob() throws Exception {
    int smtpPort = CoresProcess.freePort();
    ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail before = new GreenMail(smtp);
    before.start();
    GreenMail after = new GreenMail(smtp);
    try (ApiClient api =
        ApiClient.boot(
            "smtp-outage",
            b ->
                b.env("HOSTNAME", "cores.example.org")
                    .env("SMTP_SERVER", "127.0.0.1")
                    .env("SMTP_PORT", Integer.toString(smtpPort))
                    .env("SMTP_FROM", "lab@example.org")
                    .env("CORES_MAIL_RETRY_SECONDS", "1")
                    .env("CORES_MORNING_JOB_AT", "23:59")
                    .env("CORES_MAINTENANCE_JOB_AT", "23:59")
                    .env("CORES_TIME_ZONE", EtcZones.of(ZONE)))) {
      TestDatabase db = api.db();
      String admin = api.token(api.user("admin", true));
      long bookable =
          db.number(
              "WITH hw AS (INSERT INTO inventory_hosthardware (name) VALUES ('hw') RETURNING id),"
                  + " h AS (INSERT INTO inventory_host (hostname, hardware_id, status)"
                  + " SELECT 'smtp-host', hw.id, 'active' FROM hw RETURNING id)"
                  + " INSERT INTO booking_bookable (host_id, status)"
                  + " SELECT h.id, 'active' FROM h RETURNING id");
      OffsetDateTime tomorrow = LocalDate.now(ZONE).plusDays(1).atTime(8, 0).atOffset(ZONE);
      for (int u = 0; u < USERS; u++) {
        String user = api.token(api.user("user" + u, false));
        for (int b = 0; b < BOOKINGS / USERS; b++) {
          OffsetDateTime start = tomorrow.plusHours(2L * (u * BOOKINGS / USERS + b));
          api.created(
              "/api/booking/booking/",
              user,
              "{\"bookable\":"
                  + bookable
                  + ",\"start\":\""
                  + start
                  + "\",\"end\":\""
                  + start.plusHours(1)
                  + "\"}");
        }
      }
      // the confirmations go out while the server is up
      assertTrue(before.waitForIncomingEmail(60_000, BOOKINGS), "the confirmations arrive");
      awaitAllSent(db, Duration.ofSeconds(60));
      Thread.sleep(300);
      assertEquals(BOOKINGS, before.getReceivedMessages().length, "each confirmation once");
      assertEquals(outboxIds(db, CONFIRMED), messageIds(before), "the confirmations' rows");

      before.stop();
      long down = System.nanoTime();
      HttpResponse<String> job = api.send("POST", "/api/cron/morningjobs", admin, null);
      assertEquals(200, job.statusCode(), job.body());
      assertTrue(job.body().contains("\"booking_reminders\":" + BOOKINGS), job.body());
      List<Long> morning = outboxIdsExcept(db, CONFIRMED);
      assertTrue(morning.size() >= BOOKINGS, "the job's mails: " + morning);
      // the outage spans the job's first attempts and their retries
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (db.number(
                  "SELECT count(*) FROM notify_outbox WHERE type <> ? AND status = 'pending'"
                      + " AND attempts >= 2 AND last_error IS NOT NULL",
                  CONFIRMED)
              < morning.size()
          || System.nanoTime() - down < MINIMUM_OUTAGE.toNanos()) {
        assertTrue(System.nanoTime() < deadline, "the job's mails were not retried within 60 s");
        Thread.sleep(250);
      }

      after.start();
      try {
        awaitAllSent(db, Duration.ofSeconds(60));
        Thread.sleep(300);
        assertEquals(morning, messageIds(after), "each of the job's mails once, none other");
        for (MimeMessage m : after.getReceivedMessages()) {
          assertTrue(m.getSubject().contains("smtp-host"), m.getSubject());
        }
      } finally {
        after.stop();
      }
    } finally {
      before.stop();
    }
  }

  private static void awaitAllSent(TestDatabase db, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (db.number("SELECT count(*) FROM notify_outbox WHERE status <> 'sent'") > 0) {
      assertTrue(
          System.nanoTime() < deadline,
          "not all sent within "
              + timeout
              + ": "
              + db.text(
                  "SELECT string_agg(type || ' ' || status || ' ' || attempts, ', ')"
                      + " FROM notify_outbox"));
      Thread.sleep(250);
    }
  }

  /** The outbox rows of a type, by id. */
  private static List<Long> outboxIds(TestDatabase db, String type) throws Exception {
    return ids(
        db.text(
            "SELECT string_agg(id::text, ',' ORDER BY id) FROM notify_outbox WHERE type = ?",
            type));
  }

  /** The outbox rows of every other type, by id. */
  private static List<Long> outboxIdsExcept(TestDatabase db, String type) throws Exception {
    return ids(
        db.text(
            "SELECT string_agg(id::text, ',' ORDER BY id) FROM notify_outbox WHERE type <> ?",
            type));
  }

  private static List<Long> ids(String commaSeparated) {
    List<Long> ids = new ArrayList<>();
    for (String id : commaSeparated.split(",")) {
      ids.add(Long.parseLong(id));
    }
    return ids;
  }

  /** The outbox row of each received message (its Message-ID names it), sorted. */
  private static List<Long> messageIds(GreenMail mail) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      Matcher id = OUTBOX_ID.matcher(m.getMessageID());
      assertTrue(id.find(), m.getMessageID());
      ids.add(Long.parseLong(id.group(1)));
    }
    ids.sort(null);
    return ids;
  }
}
