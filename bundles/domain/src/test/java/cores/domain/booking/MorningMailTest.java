package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The morning job's mails, each once, against a fresh database per test. */
class MorningMailTest {
  /** The job's "now": Tuesday 1 December 2026, 06:00 UTC. */
  private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private MorningMail morning;
  private User ann;
  private User bob;

  @BeforeEach
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    morning = new MorningMail(DomainDatabase.mail(tx, ZoneOffset.UTC));
    ann = db.user("ann", false, Set.of());
    bob = db.user("bob", false, Set.of());
  }

  @AfterEach
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private Map<String, Long> run(Instant now) {
    return tx.required(em -> morning.run(Sql.of(em), now, new ArrayList<>()));
  }

  private void booking(long bookable, User owner, String start, String end) throws Exception {
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + owner.id()
            + ", '"
            + start
            + "', '"
            + end
            + "')");
  }

  private void reservation(long bookable, User owner, String start, String end) throws Exception {
    db.execute(
        "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + owner.id()
            + ", '"
            + start
            + "', "
            + (end == null ? "NULL" : "'" + end + "'")
            + ")");
  }

  @Test
  void bookingStartingTomorrowGetsAReminderNamingThePreviousHolder() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    booking(bookable, bob, "2026-11-30T09:00Z", "2026-12-02T09:00Z");
    booking(bookable, ann, "2026-12-02T09:00Z", "2026-12-04T12:00Z");
    booking(bookable, ann, "2026-12-05T00:00Z", "2026-12-05T12:00Z");
    assertEquals(1L, run(NOW).get("booking_reminders"));
    assertEquals(List.of("booking_reminder"), db.mailsTo(ann.id()));
    assertTrue(
        db.mailData(ann.id(), "booking_reminder").contains("\"previous_holder\": \"bob\""),
        db.mailData(ann.id(), "booking_reminder"));
  }

  @Test
  void oneRowWhoseMailFailsIsNamedAndMarkedAndTheOthersStillGetTheirs() throws Exception {
    long first = fixture.bookable("host-a", "active");
    long second = fixture.bookable("host-b", "active");
    // starting tomorrow, ending later: one reminder each
    booking(first, ann, "2026-12-02T09:00Z", "2026-12-04T12:00Z");
    booking(second, bob, "2026-12-02T09:00Z", "2026-12-04T12:00Z");
    reservation(
        fixture.bookable("host-c", "active"), ann, "2026-12-02T13:00Z", "2026-12-04T15:00Z");
    long bad =
        db.number("SELECT id FROM booking_booking WHERE owner_id = " + bob.id() + " LIMIT 1");
    // a real failure of the database for bob's mail only
    db.execute(
        "CREATE FUNCTION refuse_bob() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.user_id = "
            + bob.id()
            + " THEN RAISE EXCEPTION 'mail to bob refused'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_bob BEFORE INSERT ON notify_outbox"
            + " FOR EACH ROW EXECUTE FUNCTION refuse_bob()");
    List<String> failures = new ArrayList<>();
    Map<String, Long> counts = tx.required(em -> morning.run(Sql.of(em), NOW, failures));
    assertEquals(List.of("booking_reminder", "reservation_reminder"), db.mailsTo(ann.id()));
    assertEquals(List.of(), db.mailsTo(bob.id()));
    assertEquals(1L, counts.get("rows_failed"));
    assertEquals(1, failures.size());
    assertTrue(
        failures.get(0).startsWith("booking " + bad + ": ")
            && failures.get(0).contains("mail to bob refused"),
        failures.toString());
    // marked as picked: the next run does not try it again
    assertEquals(
        List.of("t"),
        db.texts("SELECT start_reminder_sent FROM booking_booking WHERE id = " + bad));
    failures.clear();
    tx.required(em -> morning.run(Sql.of(em), NOW, failures));
    assertEquals(List.of(), failures);
  }

  @Test
  void aReminderOfWhatIsComingExpiresWhenItComesSoItIsNeverMailedLate() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    booking(bookable, ann, "2026-12-02T09:00Z", "2026-12-02T18:00Z");
    reservation(fixture.bookable("host-b", "active"), ann, "2026-12-02T13:00Z", null);
    run(NOW);
    assertEquals(
        List.of("booking_ending", "booking_reminder", "reservation_reminder"),
        db.mailsTo(ann.id()).stream().sorted().toList());
    assertTrue(
        db.mailData(ann.id(), "booking_reminder").contains("\"expires\": \"2026-12-02T09:00:00Z\""),
        db.mailData(ann.id(), "booking_reminder"));
    assertTrue(
        db.mailData(ann.id(), "reservation_reminder")
            .contains("\"expires\": \"2026-12-02T13:00:00Z\""),
        db.mailData(ann.id(), "reservation_reminder"));
    assertTrue(
        db.mailData(ann.id(), "booking_ending").contains("\"expires\": \"2026-12-02T18:00:00Z\""),
        db.mailData(ann.id(), "booking_ending"));
  }

  @Test
  void bookingReminderLeavesOutAPreviousHolderWhoIsTheOwnerThemselves() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    booking(bookable, ann, "2026-11-30T09:00Z", "2026-12-01T09:00Z");
    booking(bookable, ann, "2026-12-02T09:00Z", "2026-12-02T12:00Z");
    run(NOW);
    String data = db.mailData(ann.id(), "booking_reminder");
    assertTrue(!data.contains("previous_holder"), data);
  }

  @Test
  void tomorrowIsCountedInTheConfiguredZone() throws Exception {
    // 23:30 UTC on 1 December is already 2 December in Tokyo: "tomorrow" there is 3 December
    morning = new MorningMail(DomainDatabase.mail(tx, ZoneId.of("Asia/Tokyo")));
    long bookable = fixture.bookable("host-a", "active");
    booking(bookable, ann, "2026-12-02T16:00Z", "2026-12-04T17:00Z");
    booking(bookable, bob, "2026-12-02T14:00Z", "2026-12-02T15:00Z");
    run(Instant.parse("2026-12-01T23:30:00Z"));
    assertEquals(List.of("booking_reminder"), db.mailsTo(ann.id()));
    assertEquals(List.of(), db.mailsTo(bob.id()));
  }

  @Test
  void reservationStartingTomorrowGetsAReminder() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    reservation(bookable, ann, "2026-12-02T08:00Z", null);
    assertEquals(1L, run(NOW).get("reservation_reminders"));
    assertEquals(List.of("reservation_reminder"), db.mailsTo(ann.id()));
  }

  @Test
  void bookingEndingTomorrowWarnsWhenSomeoneElsesBookingFollowsWithinThreeDays() throws Exception {
    long followed = fixture.bookable("host-a", "active");
    booking(followed, ann, "2026-11-30T00:00Z", "2026-12-03T00:00Z");
    booking(followed, bob, "2026-12-05T00:00Z", "2026-12-05T10:00Z");
    long alone = fixture.bookable("host-b", "active");
    booking(alone, bob, "2026-11-30T00:00Z", "2026-12-02T10:00Z");
    // someone's booking more than 3 days later does not count
    booking(alone, ann, "2026-12-05T10:00Z", "2026-12-05T12:00Z");
    assertEquals(2L, run(NOW).get("booking_ending"));
    assertEquals(List.of("booking_ending_next"), db.mailsTo(ann.id()));
    String data = db.mailData(ann.id(), "booking_ending_next");
    assertTrue(data.contains("\"next_holder\": \"bob\""), data);
    assertTrue(data.contains("\"next_start\": \"Sat 5 Dec 2026 00:00 Z\""), data);
    assertEquals(List.of("booking_ending"), db.mailsTo(bob.id()));
  }

  @Test
  void bookingThatEndedSinceYesterdayGetsTheEndedMailWithTheFollowingHolder() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    booking(bookable, ann, "2026-11-29T00:00Z", "2026-12-01T00:00Z");
    booking(bookable, bob, "2026-12-02T00:00Z", "2026-12-04T10:00Z");
    long other = fixture.bookable("host-b", "active");
    booking(other, bob, "2026-11-28T00:00Z", "2026-11-30T05:00Z");
    // ended before yesterday: the job that ran then was the one to tell
    booking(other, ann, "2026-11-27T00:00Z", "2026-11-27T05:00Z");
    assertEquals(2L, run(NOW).get("booking_ended"));
    assertEquals(List.of("booking_ended_next"), db.mailsTo(ann.id()));
    // bob's next booking starts tomorrow: his reminder comes first
    assertEquals(List.of("booking_reminder", "booking_ended"), db.mailsTo(bob.id()));
  }

  @Test
  void reservationThatEndedGetsTheEndedMail() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    reservation(bookable, ann, "2026-10-01T00:00Z", "2026-12-01T05:00Z");
    assertEquals(1L, run(NOW).get("reservation_ended"));
    assertEquals(List.of("reservation_ended"), db.mailsTo(ann.id()));
  }

  @Test
  void reservationHeldTwelveWeeksIsNaggedThenNotAgainForTwelveWeeks() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    reservation(bookable, ann, NOW.minus(Duration.ofDays(85)).toString(), null);
    long young = fixture.bookable("host-b", "active");
    reservation(young, bob, NOW.minus(Duration.ofDays(83)).toString(), null);
    assertEquals(1L, run(NOW).get("reservation_nags"));
    assertEquals(1L, run(NOW.plus(Duration.ofDays(1))).get("reservation_nags"));
    // bob's reaches 12 weeks on day 1; ann's next nag is 12 weeks after her first
    assertEquals(List.of("reservation_nag"), db.mailsTo(bob.id()));
    assertEquals(1L, run(NOW.plus(Duration.ofDays(84))).get("reservation_nags"));
    assertEquals(List.of("reservation_nag", "reservation_nag"), db.mailsTo(ann.id()));
  }

  @Test
  void runningTheMorningJobTwiceSendsNothingTwice() throws Exception {
    long bookable = fixture.bookable("host-a", "active");
    booking(bookable, bob, "2026-11-29T00:00Z", "2026-12-01T00:00Z");
    booking(bookable, ann, "2026-12-02T09:00Z", "2026-12-03T00:00Z");
    long other = fixture.bookable("host-b", "active");
    reservation(other, ann, "2026-08-01T00:00Z", "2026-12-01T05:00Z");
    reservation(other, bob, "2026-12-02T00:00Z", null);
    Map<String, Long> first = run(NOW);
    long mails = db.number("SELECT count(*) FROM notify_outbox");
    assertTrue(mails >= 4, first.toString());
    Map<String, Long> second = run(NOW.plus(Duration.ofMinutes(5)));
    assertEquals(mails, db.number("SELECT count(*) FROM notify_outbox"));
    second.forEach((kind, n) -> assertEquals(0L, n, kind));
  }
}
