package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two distributions on one database behind Debian's nginx with both as its upstream group (the
 * project's nginx/ configuration, as {@code docker-compose up --scale cores=2} runs it): what one
 * instance knows, the other knows, because it is in the database — sessions and CSRF tokens, the
 * login throttle, the search cache's and the kept host answers' validity, the scheduled jobs and
 * the outbox; 50 concurrent bookings of one slot over both give one 201; and stopping one instance
 * under traffic through nginx loses no GET and no write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
  private static final String SITE = "cores.scale.test";
  private static final Pattern OUTBOX_ID = Pattern.compile("<outbox\\.(\\d+)\\.\\d+@");
  private final SecureRandom random = new SecureRandom();

  /** A zone where it is about noon now: the morning job's 06:00 has passed, unrun. */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  private TestDatabase db;
  private GreenMail mail;
  private CoresProcess first;
  private CoresProcess second;
  private ApiClient one;
  private ApiClient two;
  private NginxProcess nginx;
  private String plain;
  private String admin;
  // written before the tests, read by their threads
  private volatile long host;
  private volatile long bookable;

  @BeforeAll
  void start() throws Exception {
    Path nginxBinary = NativeStack.tool("nginx");
    db = TestDatabase.create();
    // the schema, and an admin, before the instances start (createsuperuser migrates)
    String adminPassword = "scale-" + System.nanoTime();
    try (CoresProcess command =
        CoresProcess.builder("scale-createsuperuser")
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", adminPassword)
            .args("createsuperuser", "--username", "admin", "--email", "admin@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(120)), command.errors());
    }
    host =
        db.number(
            "WITH hw AS (INSERT INTO inventory_hosthardware (name) VALUES ('hw') RETURNING id)"
                + " INSERT INTO inventory_host (hostname, hardware_id, status)"
                + " SELECT 'scale-host', hw.id, 'active' FROM hw RETURNING id");
    bookable =
        db.number(
            "INSERT INTO booking_bookable (host_id, status) VALUES (?, 'active') RETURNING id",
            host);
    String plainBasic = ApiClient.insertUser(db::connect, "plain", false);
    long plainId = db.number("SELECT id FROM auth_user WHERE username = 'plain'");
    // two bookings starting (and ending) tomorrow: the morning job's reminders
    OffsetDateTime tomorrow = LocalDate.now(ZONE).plusDays(1).atTime(9, 0).atOffset(ZONE);
    for (int i = 0; i < 2; i++) {
      db.execute(
          "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time)"
              + " VALUES (?, ?, ?, ?)",
          bookable,
          plainId,
          tomorrow.plusHours(2L * i),
          tomorrow.plusHours(2L * i + 1));
    }

    int smtpPort = CoresProcess.freePort();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    // one configuration for both, as the compose file's one service has: the same SECRET_KEY
    Map<String, String> shared = new LinkedHashMap<>(db.environment());
    shared.put("HOSTNAME", SITE);
    // a production-strength key (50 or more random characters): a weak one is warned about
    byte[] key = new byte[48];
    random.nextBytes(key);
    shared.put("SECRET_KEY", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    shared.put("SMTP_SERVER", "127.0.0.1");
    shared.put("SMTP_PORT", Integer.toString(smtpPort));
    shared.put("SMTP_FROM", "lab@example.org");
    shared.put("CORES_MORNING_JOB_AT", "06:00");
    shared.put("CORES_MAINTENANCE_JOB_AT", "23:59");
    shared.put("CORES_TIME_ZONE", EtcZones.of(ZONE));
    // started together: both find the morning job due and unrun
    first = CoresProcess.builder("scale-first").env(shared).start();
    second = CoresProcess.builder("scale-second").env(shared).start();
    first.awaitHealthy(Duration.ofSeconds(180));
    second.awaitHealthy(Duration.ofSeconds(180));
    for (CoresProcess cores : new CoresProcess[] {first, second}) {
      assertFalse(cores.output().contains("SECRET_KEY is weak"), cores.output());
    }
    one = new ApiClient(first, db);
    two = new ApiClient(second, db);
    admin = one.token(ApiClient.basic("admin", adminPassword));
    plain = two.token(plainBasic);

    Path work =
        Files.createDirectories(
            Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
                .toAbsolutePath()
                .resolve("scale-" + System.currentTimeMillis()));
    Path staticRoot = Files.createDirectories(work.resolve("static-volume"));
    NativeStack.fillStaticVolume(work, staticRoot);
    int nginxPort = CoresProcess.freePort();
    Path conf =
        NativeStack.configuration(
            work,
            "nginx",
            List.of(first.httpPort(), second.httpPort()),
            nginxPort,
            staticRoot,
            Files.createDirectories(work.resolve("docs-site")));
    nginx = NginxProcess.start(nginxBinary, conf, nginxPort);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (nginx != null) {
        nginx.close();
      }
    } finally {
      for (CoresProcess cores : new CoresProcess[] {first, second}) {
        if (cores != null) {
          cores.close();
        }
      }
      if (mail != null) {
        mail.stop();
      }
      if (db != null) {
        db.close();
      }
    }
  }

  /**
   * An import script's thread pool: eight requests with the right HTTP Basic credentials at once,
   * spread over both instances, are all answered; the throttle counts failures only.
   */
  @Test
  @Order(0)
  void throttleCountsFailuresOnlyEightRightBasicLoginsAtOnceAllPass() throws Exception {
    Map<String, String> headers = json();
    headers.put("Authorization", ApiClient.insertUser(db::connect, "importer", false));
    int requests = 8;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<CompletableFuture<RawHttp.Response>> sent = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        int port = (i % 2 == 0 ? first : second).httpPort();
        sent.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return RawHttp.get(port, "/api/auth-test", headers);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                pool));
      }
      for (CompletableFuture<RawHttp.Response> answer : sent) {
        RawHttp.Response r = answer.get(120, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.toString());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        0, db.number("SELECT count(*) FROM auth_login_failure WHERE username = 'importer'"));
  }

  @Test
  @Order(1)
  void theMorningJobRunsOnceAndEachMailIsSentOnce() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (db.number("SELECT count(*) FROM jobs_run WHERE job = 'morning' AND outcome = 'ok'")
        < 1) {
      assertTrue(System.nanoTime() < deadline, "the morning job did not run within 60 s");
      Thread.sleep(200);
    }
    // both instances have been up since: each looked at the job, one ran it
    assertEquals(1, db.number("SELECT count(*) FROM jobs_run WHERE job = 'morning'"));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM jobs_run WHERE job = 'morning' AND trigger = 'schedule'"
                + " AND (summary->>'booking_reminders')::int = 2"));
    List<Long> rows = outboxIds();
    assertTrue(rows.size() >= 2, "the job's mails: " + rows);
    while (db.number("SELECT count(*) FROM notify_outbox WHERE status <> 'sent'") > 0) {
      assertTrue(System.nanoTime() < deadline, "the outbox was not sent within 60 s");
      Thread.sleep(200);
    }
    Thread.sleep(500);
    List<Long> received = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      Matcher id = OUTBOX_ID.matcher(m.getMessageID());
      assertTrue(id.find(), m.getMessageID());
      received.add(Long.parseLong(id.group(1)));
    }
    received.sort(null);
    assertEquals(rows, received, "each outbox row mailed once, by either instance");
  }

  @Test
  @Order(2)
  void aSessionOpenedOnOneInstanceContinuesOnTheOtherWithItsCsrfToken() throws Exception {
    String basic = ApiClient.insertUser(db::connect, "walker", false);
    String walkerPassword = password(basic);
    RawHttp.Response login =
        RawHttp.send(
            first.httpPort(),
            "POST",
            "/api/auth/login",
            json(),
            "{\"username\":\"walker\",\"password\":\"" + walkerPassword + "\"}");
    assertEquals(200, login.status(), login.toString());
    String session = cookie(login, "cores_session");
    String csrf = cookie(login, "csrftoken");

    Map<String, String> cookies = json();
    cookies.put("Cookie", "cores_session=" + session + "; csrftoken=" + csrf);
    RawHttp.Response who = RawHttp.get(second.httpPort(), "/api/auth-test", cookies);
    assertEquals(200, who.status(), who.toString());
    assertTrue(who.text().contains("You are authenticated as walker"), who.toString());

    String booking = booking(LocalDate.now(ZONE).plusDays(20).atTime(9, 0).atOffset(ZONE));
    RawHttp.Response forged =
        RawHttp.send(second.httpPort(), "POST", "/api/booking/booking/", cookies, booking);
    assertEquals(403, forged.status(), "no CSRF token: " + forged);
    Map<String, String> withToken = new LinkedHashMap<>(cookies);
    withToken.put("X-CSRFToken", csrf);
    RawHttp.Response booked =
        RawHttp.send(second.httpPort(), "POST", "/api/booking/booking/", withToken, booking);
    assertEquals(201, booked.status(), booked.toString());

    RawHttp.Response logout =
        RawHttp.send(second.httpPort(), "POST", "/api/auth/logout", withToken, "");
    assertTrue(logout.status() < 300, logout.toString());
    RawHttp.Response gone = RawHttp.get(first.httpPort(), "/api/auth-test", cookies);
    assertEquals(401, gone.status(), "logged out on the other instance: " + gone);
  }

  @Test
  @Order(3)
  void failedLoginsOnOneInstanceThrottleTheOther() throws Exception {
    String basic = ApiClient.insertUser(db::connect, "guessed", false);
    String right = "{\"username\":\"guessed\",\"password\":\"" + password(basic) + "\"}";
    String wrong = "{\"username\":\"guessed\",\"password\":\"not-it\"}";
    // five free failures, then each one doubles the wait: four more (1+2+4+8 s waited) leave
    // 16 s in which every login of the user is refused, on either instance
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (db.number("SELECT count(*) FROM auth_login_failure WHERE username = 'guessed'") < 9) {
      assertTrue(System.nanoTime() < deadline, "the failures were not recorded within 90 s");
      RawHttp.Response r = RawHttp.send(first.httpPort(), "POST", "/api/auth/login", json(), wrong);
      assertTrue(r.status() == 401 || r.status() == 429, r.toString());
      if (r.status() == 429) {
        Thread.sleep(500);
      }
    }
    RawHttp.Response elsewhere =
        RawHttp.send(second.httpPort(), "POST", "/api/auth/login", json(), right);
    assertEquals(429, elsewhere.status(), "the right password, too soon: " + elsewhere);
    assertTrue(elsewhere.text().contains("Too many failed logins"), elsewhere.toString());
  }

  @Test
  @Order(4)
  void aSearchCachedOnOneInstanceSeesAChangeMadeOnTheOther() throws Exception {
    String search = "/api/booking/bookable/?active=1&ordering=hostname";
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> cached = one.send("GET", search, plain, null);
      assertEquals(200, cached.statusCode(), cached.body());
      assertTrue(cached.body().contains("\"hostname\":\"scale-host\""), cached.body());
    }
    HttpResponse<String> renamed =
        two.send(
            "PATCH", "/api/inventory/host/" + host + "/", admin, "{\"hostname\":\"scale-moved\"}");
    assertEquals(200, renamed.statusCode(), renamed.body());
    HttpResponse<String> after = one.send("GET", search, plain, null);
    assertTrue(after.body().contains("\"hostname\":\"scale-moved\""), after.body());
  }

  @Test
  @Order(4)
  void hostAnswersKeptOnOneInstanceSeeChangesMadeOnTheOtherAndByTheScan() throws Exception {
    String list = "/api/inventory/host/?limit=50";
    String row = "/api/inventory/host/" + host + "/";
    String page = "/hosts/" + host + "/";
    for (int i = 0; i < 2; i++) {
      for (String path : List.of(list, row)) {
        HttpResponse<String> kept = one.send("GET", path, admin, null);
        assertEquals(200, kept.statusCode(), kept.body());
        assertTrue(kept.body().contains("\"lastseen\":null"), kept.body());
      }
      assertEquals(200, one.send("GET", page, null, null).statusCode());
    }
    HttpResponse<String> changed =
        two.send("PATCH", row, admin, "{\"details\":\"changed on the other\"}");
    assertEquals(200, changed.statusCode(), changed.body());
    for (String path : List.of(list, row, page)) {
      HttpResponse<String> after = one.send("GET", path, path.equals(page) ? null : admin, null);
      assertTrue(after.body().contains("changed on the other"), path + ": " + after.body());
    }
    // as the scan's derivation writes it, but lastseen alone: no marker of the host's own
    db.execute("UPDATE inventory_host SET lastseen = now() WHERE id = ?", host);
    for (String path : List.of(list, row)) {
      HttpResponse<String> seen = one.send("GET", path, admin, null);
      assertTrue(
          seen.body().matches("(?s).*\"lastseen\":\"20\\d\\d-.*"), path + ": " + seen.body());
    }
    assertTrue(one.send("GET", page, null, null).body().contains(">seen "), page);
  }

  @Test
  @Order(4)
  void aTokenKeptByOneInstanceIsRefusedThereOnceRevokedOnTheOther() throws Exception {
    String basic = ApiClient.insertUser(db::connect, "revoker", false);
    String token = two.token(basic);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, one.send("GET", "/api/auth-test", token, null).statusCode());
    }
    HttpResponse<String> listed = two.send("GET", "/api/auth/tokens", basic, null);
    long id = ApiClient.id(listed);
    assertEquals(204, two.send("DELETE", "/api/auth/tokens/" + id, basic, null).statusCode());
    assertEquals(401, two.send("GET", "/api/auth-test", token, null).statusCode(), "at once");
    // the other instance hears of it when PostgreSQL delivers the signal: milliseconds (a bound
    // of 30 s for a loaded machine, not a figure)
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (one.send("GET", "/api/auth-test", token, null).statusCode() != 401) {
      assertTrue(System.nanoTime() < deadline, "still served 30 s after the revocation");
      Thread.sleep(10);
    }
  }

  @Test
  @Order(5)
  void fiftyConcurrentBookingsOfOneSlotOverBothInstancesGiveOne201() throws Exception {
    String booking = booking(LocalDate.now(ZONE).plusDays(30).atTime(9, 0).atOffset(ZONE));
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ApiClient instance = i % 2 == 0 ? one : two;
      answers.add(instance.sendAsync("POST", "/api/booking/booking/", plain, booking));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> a : answers) {
      statuses.add(a.get(120, TimeUnit.SECONDS).statusCode());
    }
    assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
    assertEquals(49, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
  }

  /** One request of the traffic through nginx and its answer (0: none). */
  record Call(String method, int slot, int status, String body) {}

  @Test
  @Order(6)
  void stoppingOneInstanceUnderTrafficLosesNoReadAndNoWrite() throws Exception {
    OffsetDateTime base = LocalDate.now(ZONE).plusDays(40).atStartOfDay().atOffset(ZONE);
    ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    AtomicBoolean flowing = new AtomicBoolean(true);
    AtomicInteger slots = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    Map<String, String> headers = json();
    headers.put("Authorization", plain);
    for (int w = 0; w < 4; w++) {
      boolean writer = w == 0;
      workers.execute(
          () -> {
            while (flowing.get()) {
              int slot = writer ? slots.getAndIncrement() : -1;
              try {
                RawHttp.Response r =
                    writer
                        ? RawHttp.send(
                            nginx.port(),
                            "POST",
                            "/api/booking/booking/",
                            headers,
                            booking(base.plusHours(slot)))
                        : RawHttp.get(nginx.port(), "/api/booking/booking/", headers);
                calls.add(new Call(writer ? "POST" : "GET", slot, r.status(), r.text()));
              } catch (Exception e) {
                calls.add(new Call(writer ? "POST" : "GET", slot, 0, e.toString()));
              }
            }
          });
    }
    try {
      awaitCalls(calls, 20);
      assertEquals(0, second.stop(), "the second instance stops cleanly");
      int stoppedAt = calls.size();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (calls.size() < stoppedAt + 20) {
        assertTrue(System.nanoTime() < deadline, "traffic stalled after the stop");
        Thread.sleep(100);
      }
    } finally {
      flowing.set(false);
      workers.shutdown();
      assertTrue(workers.awaitTermination(60, TimeUnit.SECONDS));
    }
    Set<Integer> booked = new TreeSet<>();
    for (Call c : calls) {
      if (c.method().equals("GET")) {
        assertEquals(200, c.status(), "nginx retried the read on the other instance: " + c);
      } else if (c.status() == 201) {
        booked.add(c.slot());
      } else {
        assertEquals(503, c.status(), "a write is stored (201) or refused untouched: " + c);
      }
    }
    Set<Integer> stored = new TreeSet<>();
    for (String slot :
        db.text(
                "SELECT coalesce(string_agg((extract(epoch FROM start_time - ?) / 3600)::int::text,"
                    + " ','), '') FROM booking_booking WHERE start_time >= ?",
                base,
                base)
            .split(",")) {
      if (!slot.isEmpty()) {
        stored.add(Integer.parseInt(slot));
      }
    }
    assertEquals(booked, stored, "every 201 stored, nothing else");
    assertTrue(booked.size() >= 5, "writes went through: " + booked);
  }

  private static void awaitCalls(ConcurrentLinkedQueue<Call> calls, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (calls.size() < count) {
      assertTrue(System.nanoTime() < deadline, "no traffic: " + calls);
      Thread.sleep(100);
    }
  }

  private String booking(OffsetDateTime start) {
    return "{\"bookable\":"
        + bookable
        + ",\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plusMinutes(59)
        + "\"}";
  }

  private List<Long> outboxIds() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (String id :
        db.text("SELECT string_agg(id::text, ',' ORDER BY id) FROM notify_outbox").split(",")) {
      ids.add(Long.parseLong(id));
    }
    return ids;
  }

  private static Map<String, String> json() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", SITE);
    headers.put("Content-Type", "application/json");
    return headers;
  }

  /** The password of an HTTP Basic header as {@link ApiClient#insertUser} returns it. */
  private static String password(String basic) {
    String decoded =
        new String(
            java.util.Base64.getDecoder().decode(basic.substring("Basic ".length())),
            java.nio.charset.StandardCharsets.UTF_8);
    return decoded.substring(decoded.indexOf(':') + 1);
  }

  private static String cookie(RawHttp.Response r, String name) {
    for (String c : r.all("Set-Cookie")) {
      if (c.startsWith(name + "=")) {
        return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
      }
    }
    throw new AssertionError("no " + name + " cookie: " + r);
  }
}
