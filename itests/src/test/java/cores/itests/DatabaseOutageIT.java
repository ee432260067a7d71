package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for 20 s while bookings and reads flow, then started again: meanwhile {@code
 * /api/health} is 503 naming the database and every request 503 problem+json with Retry-After (no
 * 500, no stack trace); afterwards the same process serves again, and every booking that was
 * answered 201 is stored once with one confirmation in the outbox, mailed once; none other is.
 *
 * <p>The server is one of the test's own ({@link PostgresCluster}), never the machine's.
 */
class DatabaseOutageIT {
  private static final String DATABASE = PostgresCluster.DATABASE;
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final int WORKERS = 3;

  /** A zone where it is about noon now, with both jobs at 23:59: no job run interferes. */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  /** One request and its answer (status 0: no answer at all). */
  record Call(
      String what, int slot, long sent, long answered, int status, String type, String body) {}

  @Test
  void requestsDuringTheOutageAre503AndCoresServesAgainWithoutARestart() throws Exception {
    int smtpPort = CoresProcess.freePort();
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    mail.start();
    try (PostgresCluster postgres = PostgresCluster.start()) {
      postgres.createDatabase();
      try (CoresProcess cores =
          CoresProcess.builder("db-outage")
              .env(postgres.environment(DATABASE))
              .env("HOSTNAME", "cores.example.org")
              .env("SMTP_SERVER", "127.0.0.1")
              .env("SMTP_PORT", Integer.toString(smtpPort))
              .env("SMTP_FROM", "lab@example.org")
              .env("CORES_MORNING_JOB_AT", "23:59")
              .env("CORES_MAINTENANCE_JOB_AT", "23:59")
              .env("CORES_TIME_ZONE", EtcZones.of(ZONE))
              .start()) {
        cores.awaitHealthy(Duration.ofSeconds(120));
        run(postgres, cores, mail);
        assertEquals(0, cores.stop(), "exit code after SIGTERM");
      }
    } finally {
      mail.stop();
    }
  }

  private void run(PostgresCluster postgres, CoresProcess cores, GreenMail mail) throws Exception {
    ApiClient api = new ApiClient(cores, null);
    String plain = token(api, postgres, "plain");
    long bookable = bookable(postgres);
    OffsetDateTime first = LocalDate.now(ZONE).plusDays(3).atStartOfDay().atOffset(ZONE);

    ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    AtomicBoolean flowing = new AtomicBoolean(true);
    AtomicInteger slots = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    for (int w = 0; w < WORKERS; w++) {
      workers.execute(
          () -> {
            while (flowing.get()) {
              int slot = slots.getAndIncrement();
              OffsetDateTime start = first.plusHours(slot);
              calls.add(
                  call(
                      api,
                      "book",
                      slot,
                      "POST",
                      "/api/booking/booking/",
                      plain,
                      "{\"bookable\":"
                          + bookable
                          + ",\"start\":\""
                          + start
                          + "\",\"end\":\""
                          + start.plusMinutes(59)
                          + "\"}"));
              calls.add(call(api, "list", -1, "GET", "/api/booking/booking/", plain, null));
              pause(100);
            }
          });
    }
    try {
      awaitCalls(calls, 5, 0, Duration.ofSeconds(60));

      postgres.stopServer();
      long stopped = System.nanoTime();
      // an UP answer is reused for a second (HealthChecks): the one awaitHealthy saw may still be
      // served right after the stop; the outage shows from then on
      pause(1100);
      List<HttpResponse<String>> health = new ArrayList<>();
      while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
        health.add(cores.get("/api/health"));
        pause(1000);
      }
      long restarting = System.nanoTime();
      postgres.startServer();
      for (HttpResponse<String> h : health) {
        assertEquals(503, h.statusCode(), h.body());
        assertTrue(h.body().contains("database"), "names the database: " + h.body());
      }
      assertTrue(cores.isAlive());
      cores.awaitHealthy(Duration.ofSeconds(60));
      awaitCalls(calls, 5, System.nanoTime(), Duration.ofSeconds(60));
      flowing.set(false);
      workers.shutdown();
      assertTrue(workers.awaitTermination(90, TimeUnit.SECONDS));

      List<Call> during =
          calls.stream().filter(c -> c.sent() > stopped && c.answered() < restarting).toList();
      assertTrue(during.size() >= WORKERS, "requests flowed during the outage: " + during);
      for (Call c : during) {
        assertEquals(503, c.status(), c.toString());
      }
      Set<Integer> booked = new TreeSet<>();
      for (Call c : calls) {
        assertTrue(
            c.status() == 200 || c.status() == 201 || c.status() == 503,
            "only answers or 503, never a 500 or a dropped connection: " + c);
        if (c.status() == 503) {
          assertTrue(c.type().startsWith("application/problem+json"), c.toString());
          assertFalse(c.body().contains("Exception") || c.body().contains("\tat "), c.toString());
        }
        if (c.status() == 201) {
          booked.add(c.slot());
        }
      }
      assertEquals(booked, storedSlots(postgres, first), "each 201 stored once, nothing else");
      assertEquals(
          booked.size(),
          number(
              postgres,
              "SELECT count(DISTINCT data->>'start') FROM notify_outbox"
                  + " WHERE type = 'booking_confirmed'"),
          "one confirmation per booking");
      assertEquals(
          booked.size(),
          number(postgres, "SELECT count(*) FROM notify_outbox WHERE type = 'booking_confirmed'"),
          "and no second one");
      assertTrue(
          mail.waitForIncomingEmail(60_000, booked.size()),
          "every confirmation mailed after the outage");
      awaitOutboxSent(postgres, Duration.ofSeconds(60));
      MimeMessage[] received = mail.getReceivedMessages();
      Set<String> ids = new HashSet<>();
      for (MimeMessage m : received) {
        ids.add(m.getMessageID());
      }
      assertEquals(booked.size(), received.length, "each mail once");
      assertEquals(received.length, ids.size(), "no repeated Message-ID");
    } finally {
      flowing.set(false);
      workers.shutdownNow();
    }
  }

  private static Call call(
      ApiClient api, String what, int slot, String method, String path, String auth, String json) {
    long sent = System.nanoTime();
    try {
      HttpResponse<String> r = api.send(method, path, auth, json);
      return new Call(
          what,
          slot,
          sent,
          System.nanoTime(),
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse("")
              + " Retry-After="
              + r.headers().firstValue("Retry-After").orElse("none"),
          r.body());
    } catch (Exception e) {
      return new Call(what, slot, sent, System.nanoTime(), 0, "", e.toString());
    }
  }

  /** Waits for {@code count} bookings answered 201 that were sent after {@code since}. */
  private static void awaitCalls(
      ConcurrentLinkedQueue<Call> calls, int count, long since, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (calls.stream().filter(c -> c.status() == 201 && c.sent() > since).count() >= count) {
        return;
      }
      pause(200);
    }
    throw new AssertionError("fewer than " + count + " bookings within " + timeout + ": " + calls);
  }

  private static void awaitOutboxSent(PostgresCluster postgres, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (number(postgres, "SELECT count(*) FROM notify_outbox WHERE status <> 'sent'") > 0) {
      assertTrue(System.nanoTime() < deadline, "the outbox not sent within " + timeout);
      pause(500);
    }
  }

  private static Set<Integer> storedSlots(PostgresCluster postgres, OffsetDateTime first)
      throws Exception {
    Set<Integer> slots = new TreeSet<>();
    try (Connection c = postgres.connect(DATABASE);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT (extract(epoch FROM start_time - ?) / 3600)::int FROM booking_booking")) {
      s.setObject(1, first);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          assertTrue(slots.add(rs.getInt(1)), "a slot stored twice: " + rs.getInt(1));
        }
      }
    }
    return slots;
  }

  private static long number(PostgresCluster postgres, String query) throws Exception {
    try (Connection c = postgres.connect(DATABASE);
        PreparedStatement s = c.prepareStatement(query);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** An active bookable host, made in the migrated schema. */
  private static long bookable(PostgresCluster postgres) throws Exception {
    try (Connection c = postgres.connect(DATABASE);
        PreparedStatement s =
            c.prepareStatement(
                "WITH hw AS (INSERT INTO inventory_hosthardware (name) VALUES ('hw') RETURNING id),"
                    + " h AS (INSERT INTO inventory_host (hostname, hardware_id, status)"
                    + " SELECT 'outage-host', hw.id, 'active' FROM hw RETURNING id)"
                    + " INSERT INTO booking_bookable (host_id, status)"
                    + " SELECT h.id, 'active' FROM h RETURNING id");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A user's API token, the user made as {@link ApiClient#user} makes one. */
  private static String token(ApiClient api, PostgresCluster postgres, String username)
      throws Exception {
    return api.token(ApiClient.insertUser(() -> postgres.connect(DATABASE), username, false));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
