package cores.itests;

import static cores.itests.ApiClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
  /**
   * A zone where it is about noon now, with both jobs at 23:59: no scheduled or caught-up run
   * interferes with the runs this test asks for.
   */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  private static TestDatabase db;
  private static ApiClient api;
  private static String admin;
  private static String plain;
  private static String staff;
  private static long plainId;
  private static long bookable;

  @BeforeAll
  static void start() throws Exception {
    api =
        ApiClient.boot(
            "jobs",
            builder ->
                builder
                    .env("CORES_MORNING_JOB_AT", "23:59")
                    .env("CORES_MAINTENANCE_JOB_AT", "23:59")
                    .env("CORES_TIME_ZONE", EtcZones.of(ZONE)));
    db = api.db();
    admin = api.token(api.user("admin", true));
    plain = api.token(api.user("plain", false));
    plainId = db.number("SELECT id FROM auth_user WHERE username = 'plain'");
    staff = api.token(api.user("staffer", false));
    db.execute("UPDATE auth_user SET is_staff = true WHERE username = 'staffer'");
    long hardware =
        db.number(
            "WITH t AS (INSERT INTO inventory_hosttype (name) VALUES ('t') RETURNING id)"
                + " INSERT INTO inventory_hosthardware (name, host_type_id)"
                + " SELECT 'hw', t.id FROM t RETURNING id");
    long host =
        db.number(
            "INSERT INTO inventory_host (hostname, hardware_id, status)"
                + " VALUES ('jobs-host', ?, 'active') RETURNING id",
            hardware);
    bookable =
        db.number(
            "INSERT INTO booking_bookable (host_id, status) VALUES (?, 'active') RETURNING id",
            host);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theCronEndpointsNeedASuperuserAsTheAdminsRunNow() throws Exception {
    long runs = db.number("SELECT count(*) FROM jobs_run");
    for (String path : new String[] {"/api/cron/morningjobs", "/api/cron/maintenance"}) {
      assertEquals(401, api.send("POST", path, null, null).statusCode());
      for (String user : new String[] {plain, staff}) {
        HttpResponse<String> forbidden = api.send("POST", path, user, null);
        assertEquals(403, forbidden.statusCode(), forbidden.body());
        assertTrue(
            forbidden
                .headers()
                .firstValue("content-type")
                .orElse("")
                .startsWith("application/problem+json"),
            forbidden.headers().toString());
        assertTrue(forbidden.body().contains("Only superusers may run jobs."), forbidden.body());
      }
    }
    assertEquals(runs, db.number("SELECT count(*) FROM jobs_run"), "no run for a refused call");
  }

  @Test
  void theMorningJobRecordsEachMailOnceAndTheMaintenanceJobDeletesOldBookings() throws Exception {
    LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
    OffsetDateTime start = tomorrow.atTime(10, 0).atOffset(ZONE);
    // through the API: its confirmation is recorded in the booking's transaction
    HttpResponse<String> booked =
        api.send(
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
        api.send(
            "PUT",
            "/api/booking/booking/" + id + "/",
            plain,
            "{\"end\":\"" + start.plusDays(3) + "\"}");
    assertEquals(200, replaced.statusCode(), replaced.body());
    assertTrue(replaced.body().contains("\"comment\":\"\""), replaced.body());

    HttpResponse<String> first = api.send("POST", "/api/cron/morningjobs", admin, null);
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(first.body().contains("\"outcome\":\"ok\""), first.body());
    assertTrue(first.body().contains("\"booking_reminders\":1"), first.body());
    assertEquals(1, mails("booking_reminder"));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE type = 'booking_reminder'"
                + " AND status = 'pending' AND recipient = 'plain@example.org'"
                + " AND data->>'host' = 'jobs-host'"));
    HttpResponse<String> second = api.send("POST", "/api/cron/morningjobs", admin, null);
    assertEquals(200, second.statusCode(), second.body());
    assertTrue(second.body().contains("\"booking_reminders\":0"), second.body());
    assertEquals(1, mails("booking_reminder"));

    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time)"
            + " VALUES (?, ?, now() - interval '100 days', now() - interval '99 days')",
        bookable,
        plainId);
    HttpResponse<String> maintenance = api.send("POST", "/api/cron/maintenance", admin, null);
    assertEquals(200, maintenance.statusCode(), maintenance.body());
    assertTrue(maintenance.body().contains("\"bookings_deleted\":1"), maintenance.body());
    assertEquals(1, db.number("SELECT count(*) FROM booking_booking"));
    assertEquals(
        3,
        db.number(
            "SELECT count(*) FROM jobs_run WHERE trigger = 'manual' AND outcome = 'ok'"
                + " AND finished IS NOT NULL"));
  }

  private static long mails(String type) throws Exception {
    return db.number("SELECT count(*) FROM notify_outbox WHERE type = ?", type);
  }
}
