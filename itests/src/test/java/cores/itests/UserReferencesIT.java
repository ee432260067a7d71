package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * References to users against the booted distribution (issue 14, critical 1): a user who holds a
 * booking cannot be deleted (409 naming the bookings, nothing deleted), and the morning job still
 * mails everyone else when one row's mail fails.
 */
class UserReferencesIT {
  /** A zone where it is about noon now, with the jobs at 23:59: only the runs asked for run. */
  private static final ZoneOffset ZONE =
      ZoneOffset.ofHours(12 - Instant.now().atOffset(ZoneOffset.UTC).getHour());

  private static TestDatabase db;
  private static ApiClient api;
  private static String admin;
  private static long bookable;

  @BeforeAll
  static void start() throws Exception {
    api =
        ApiClient.boot(
            "references",
            builder ->
                builder
                    .env("CORES_MORNING_JOB_AT", "23:59")
                    .env("CORES_MAINTENANCE_JOB_AT", "23:59")
                    .env("CORES_TIME_ZONE", EtcZones.of(ZONE)));
    db = api.db();
    admin = api.token(api.user("admin", true));
    long hardware =
        db.number(
            "WITH t AS (INSERT INTO inventory_hosttype (name) VALUES ('t') RETURNING id)"
                + " INSERT INTO inventory_hosthardware (name, host_type_id)"
                + " SELECT 'hw', t.id FROM t RETURNING id");
    long host =
        db.number(
            "INSERT INTO inventory_host (hostname, hardware_id, status)"
                + " VALUES ('ref-host', ?, 'active') RETURNING id",
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

  /** Books the bookable as the user, tomorrow from the hour for an hour. */
  private static void book(String user, int hour) throws Exception {
    OffsetDateTime start = LocalDate.now(ZONE).plusDays(1).atTime(hour, 0).atOffset(ZONE);
    HttpResponse<String> booked =
        api.send(
            "POST",
            "/api/booking/booking/",
            user,
            "{\"bookable\":"
                + bookable
                + ",\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plusHours(1)
                + "\"}");
    assertEquals(201, booked.statusCode(), booked.body());
  }

  private static long userId(String username) throws Exception {
    return db.number("SELECT id FROM auth_user WHERE username = ?", username);
  }

  @Test
  void aUserWhoHoldsABookingIsNotDeletedAndTheAnswerNamesTheBookings() throws Exception {
    book(api.token(api.user("holder", false)), 8);
    long holder = userId("holder");
    HttpResponse<String> refused = api.send("DELETE", "/api/auth/users/" + holder, admin, null);
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(
        refused.headers().firstValue("Content-Type").orElse("").contains("problem+json"),
        refused.headers().toString());
    assertTrue(refused.body().contains("still referred to by bookings:"), refused.body());
    assertFalse(refused.body().contains("booking_booking"), "no table names: " + refused.body());
    assertEquals(1, db.number("SELECT count(*) FROM auth_user WHERE id = ?", holder));
    assertEquals(1, db.number("SELECT count(*) FROM booking_booking WHERE owner_id = ?", holder));

    // a user who holds nothing is deleted
    api.user("nobody", false);
    HttpResponse<String> deleted =
        api.send("DELETE", "/api/auth/users/" + userId("nobody"), admin, null);
    assertEquals(204, deleted.statusCode(), deleted.body());
  }

  @Test
  void theMorningJobStillMailsEveryoneElseWhenOneRowIsBad() throws Exception {
    book(api.token(api.user("good1", false)), 12);
    book(api.token(api.user("bad", false)), 14);
    book(api.token(api.user("good2", false)), 16);
    long bad = userId("bad");
    // a real refusal by the database, of the bad user's reminder only
    db.execute(
        "CREATE FUNCTION refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.user_id = "
            + bad
            + " AND NEW.type = 'booking_reminder' THEN RAISE EXCEPTION 'refused for bad';"
            + " END IF; RETURN NEW; END $$");
    db.execute(
        "CREATE TRIGGER refuse_bad BEFORE INSERT ON notify_outbox"
            + " FOR EACH ROW EXECUTE FUNCTION refuse_bad()");
    try {
      HttpResponse<String> run = api.send("POST", "/api/cron/morningjobs", admin, null);
      assertEquals(200, run.statusCode(), run.body());
      assertTrue(run.body().contains("\"rows_failed\":1"), run.body());
      assertTrue(run.body().contains("refused for bad"), run.body());
      for (String good : new String[] {"good1", "good2"}) {
        assertEquals(
            1,
            db.number(
                "SELECT count(*) FROM notify_outbox WHERE type = 'booking_reminder'"
                    + " AND recipient = ?",
                good + "@example.org"),
            good);
      }
      assertEquals(
          0,
          db.number(
              "SELECT count(*) FROM notify_outbox WHERE type = 'booking_reminder'"
                  + " AND user_id = ?",
              bad));
    } finally {
      db.execute("DROP TRIGGER refuse_bad ON notify_outbox");
      db.execute("DROP FUNCTION refuse_bad()");
    }
  }
}
