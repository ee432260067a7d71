package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduled jobs' compatibility endpoints over HTTP against the booted distribution: admins
 * only; the morning job records its mails in the outbox (no channel is active here) once, however
 * often it runs; the maintenance job deletes old bookings; every run is a row of jobs_run. The
 * booking mails of the REST API go to the outbox in the same transaction.
 */
class JobsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * A zone where it is about noon now, with both jobs at 23:59: no scheduled or caught-up run
   * interferes with the runs this test asks for.
   */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  private static TestDatabase db;
  private static CoresProcess cores;
  private static String admin;
  private static String plain;
  private static long plainId;
  private static long bookable;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    cores =
        CoresProcess.builder("jobs")
            .env(db.environment())
            .env("CORES_MORNING_JOB_AT", "23:59")
            .env("CORES_MAINTENANCE_JOB_AT", "23:59")
            .env("CORES_TIME_ZONE", ZONE.getId())
            .start();
    cores.awaitStarted(Duration.ofSeconds(90));
    cores.awaitHealthy(Duration.ofSeconds(30));
    admin = token(user("admin", true));
    plain = token(user("plain", false));
    plainId = number("SELECT id FROM auth_user WHERE username = 'plain'");
    long hardware =
        number(
            "WITH t AS (INSERT INTO inventory_hosttype (name) VALUES ('t') RETURNING id)"
                + " INSERT INTO inventory_hosthardware (name, hosttype_id)"
                + " SELECT 'hw', t.id FROM t RETURNING id");
    long host =
        number(
            "INSERT INTO inventory_host (hostname, hosthardware_id, status) VALUES ('jobs-host', "
                + hardware
                + ", 'active') RETURNING id");
    bookable =
        number(
            "INSERT INTO booking_bookable (host_id, status) VALUES ("
                + host
                + ", 'active') RETURNING id");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cores != null) {
      cores.close();
    }
    db.close();
  }

  @Test
  void theCronEndpointsNeedAnAdmin() throws Exception {
    for (String path : new String[] {"/api/cron/morningjobs", "/api/cron/maintenance"}) {
      assertEquals(401, send("POST", path, null, null).statusCode());
      HttpResponse<String> forbidden = send("POST", path, plain, null);
      assertEquals(403, forbidden.statusCode(), forbidden.body());
      assertTrue(forbidden.body().contains("Only staff may run jobs."), forbidden.body());
    }
  }

  @Test
  void theMorningJobRecordsEachMailOnceAndTheMaintenanceJobDeletesOldBookings() throws Exception {
    LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
    OffsetDateTime start = tomorrow.atTime(10, 0).atOffset(ZONE);
    // through the API: its confirmation is recorded in the booking's transaction
    HttpResponse<String> booked =
        send(
            "POST",
            "/api/booking/booking/",
            plain,
            "{\"bookable\":"
                + bookable
                + ",\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plusDays(2)
                + "\",\"comment\":\"soak test\"}");
    assertEquals(201, booked.statusCode(), booked.body());
    assertEquals(1, mails("booking_confirmed"));
    long id = id(booked);
    HttpResponse<String> replaced =
        send(
            "PUT",
            "/api/booking/booking/" + id + "/",
            plain,
            "{\"end\":\"" + start.plusDays(3) + "\"}");
    assertEquals(200, replaced.statusCode(), replaced.body());
    assertTrue(replaced.body().contains("\"comment\":\"\""), replaced.body());

    HttpResponse<String> first = send("POST", "/api/cron/morningjobs", admin, null);
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(first.body().contains("\"outcome\":\"ok\""), first.body());
    assertTrue(first.body().contains("\"booking_reminders\":1"), first.body());
    assertEquals(1, mails("booking_reminder"));
    assertEquals(
        1,
        number(
            "SELECT count(*) FROM notify_outbox WHERE type = 'booking_reminder'"
                + " AND status = 'pending' AND recipient = 'plain@example.org'"
                + " AND data->>'host' = 'jobs-host'"));
    HttpResponse<String> second = send("POST", "/api/cron/morningjobs", admin, null);
    assertEquals(200, second.statusCode(), second.body());
    assertTrue(second.body().contains("\"booking_reminders\":0"), second.body());
    assertEquals(1, mails("booking_reminder"));

    execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + plainId
            + ", now() - interval '100 days', now() - interval '99 days')");
    HttpResponse<String> maintenance = send("POST", "/api/cron/maintenance", admin, null);
    assertEquals(200, maintenance.statusCode(), maintenance.body());
    assertTrue(maintenance.body().contains("\"bookings_deleted\":1"), maintenance.body());
    assertEquals(1, number("SELECT count(*) FROM booking_booking"));
    assertEquals(
        3,
        number(
            "SELECT count(*) FROM jobs_run WHERE trigger = 'manual' AND outcome = 'ok'"
                + " AND finished IS NOT NULL"));
  }

  private static long mails(String type) throws Exception {
    return number("SELECT count(*) FROM notify_outbox WHERE type = '" + type + "'");
  }

  private static long number(String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** A user (email username@example.org) with a Django-format hash, as HTTP Basic. */
  private static String user(String username, boolean superuser) throws Exception {
    String password = username + "-pw-" + System.nanoTime();
    String salt = "salt" + System.nanoTime();
    byte[] hash =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(
                new PBEKeySpec(
                    password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 1000, 256))
            .getEncoded();
    try (Connection c = db.connect();
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
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** An API token of the user: the "admin token" of API.md is a token of a staff user. */
  private static String token(String basic) throws Exception {
    HttpResponse<String> created = send("POST", "/api/auth/tokens", basic, "{\"label\":\"it\"}");
    Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(created.body());
    assertTrue(m.find(), created.statusCode() + " " + created.body());
    return "Token " + m.group(1);
  }

  private static long id(HttpResponse<String> response) {
    Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(response.body());
    assertTrue(m.find(), response.body());
    return Long.parseLong(m.group(1));
  }

  private static HttpResponse<String> send(String method, String path, String auth, String body)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(cores.uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    if (auth != null) {
      builder.header("Authorization", auth);
    }
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }
}
