package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.booking.BookingService.BookingRequest;
import cores.domain.booking.BookingService.ReservationRequest;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The booking emails: written to the outbox in the transaction of the change. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingMailTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant HOUR = NOW.plus(Duration.ofHours(1));

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private BookingService service;
  private Bookables bookables;
  private Inventory inventory;
  private User staff;
  private User reserver;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    BookingMail mail = DomainDatabase.mail(tx, ZoneId.of("Europe/Berlin"));
    service = new BookingService(mail);
    bookables = new Bookables(mail, Clock.fixed(NOW, ZoneOffset.UTC));
    inventory = new Inventory(bookables, ZoneOffset.UTC);
    staff = db.user("staff", true, Set.of());
    reserver = db.user("reserver", false, Set.of(Permissions.ADD_RESERVATION));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private long book(User who, long bookable, Instant start, Instant end) {
    return (Long)
        tx.required(
                em ->
                    service.book(
                        Sql.of(em),
                        who,
                        new BookingRequest(bookable, start, end, "tests", null, null),
                        NOW))
            .get("id");
  }

  private long reserve(User who, long bookable, Instant start) {
    return (Long)
        tx.required(
                em ->
                    service.reserve(
                        Sql.of(em),
                        who,
                        new ReservationRequest(bookable, start, null, null, null),
                        NOW))
            .get("id");
  }

  private User user(String name) throws Exception {
    return db.user(name, false, Set.of());
  }

  @Test
  void bookingConfirmedThenCancelledIsMailedWithHostAndPeriodInTheConfiguredZone()
      throws Exception {
    User ann = user("ann-confirm");
    long bookable = fixture.bookable("mail-confirm", "active");
    long id = book(ann, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    assertEquals(List.of("booking_confirmed"), db.mailsTo(ann.id()));
    String data = db.mailData(ann.id(), "booking_confirmed");
    assertTrue(data.contains("\"host\": \"mail-confirm\""), data);
    assertTrue(data.contains("\"comment\": \"tests\""), data);
    // Europe/Berlin: CET or CEST, never the UTC the instants are stored in
    assertTrue(data.matches(".*\"start\": \"[^\"]* CES?T\".*"), data);
    tx.required(
        em -> {
          service.cancelBooking(Sql.of(em), ann, id, NOW);
          return null;
        });
    assertEquals(List.of("booking_confirmed", "booking_cancelled"), db.mailsTo(ann.id()));
  }

  @Test
  void aRefusedBookingMailsNothing() throws Exception {
    User ann = user("ann-refused");
    User bob = user("bob-refused");
    long bookable = fixture.bookable("mail-refused", "active");
    book(ann, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    assertEquals(
        409,
        assertThrows(
                ProblemException.class,
                () -> book(bob, bookable, HOUR, HOUR.plus(Duration.ofHours(1))))
            .status());
    assertEquals(List.of(), db.mailsTo(bob.id()));
  }

  @Test
  void reservationConfirmedThenCancelledIsMailed() throws Exception {
    long bookable = fixture.bookable("mail-reserve", "active");
    long id = reserve(reserver, bookable, HOUR.plus(Duration.ofDays(1)));
    tx.required(
        em -> {
          service.cancelReservation(Sql.of(em), reserver, id, NOW);
          return null;
        });
    List<String> mails = db.mailsTo(reserver.id());
    assertEquals(
        List.of("reservation_confirmed", "reservation_cancelled"),
        mails.subList(mails.size() - 2, mails.size()));
  }

  @Test
  void hostLeavingActiveTellsEveryHolderOfABookingOrReservationNotYetEnded() throws Exception {
    User future = user("holder-future");
    User past = user("holder-past");
    long bookable = fixture.bookable("mail-host-leaves", "active");
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    book(future, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    db.execute(
        "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
            + bookable
            + ", "
            + past.id()
            + ", now() - interval '3 days', now() - interval '2 days')");
    reserve(reserver, bookable, HOUR.plus(Duration.ofDays(2)));
    tx.required(
        em -> inventory.update(Sql.of(em), Models.HOST, host, Map.of("status", "missing"), true));
    assertEquals(List.of("booking_confirmed", "bookable_unavailable"), db.mailsTo(future.id()));
    assertEquals(List.of(), db.mailsTo(past.id()));
    assertEquals("bookable_unavailable", last(db.mailsTo(reserver.id())));
  }

  @Test
  void bookableSetInactiveByAnAdminTellsItsHoldersOnce() throws Exception {
    User ann = user("ann-inactive");
    long bookable = fixture.bookable("mail-inactive", "active");
    book(ann, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    tx.required(
        em ->
            inventory.update(
                Sql.of(em), Bookables.MODEL, bookable, Map.of("status", "inactive"), true));
    tx.required(
        em ->
            inventory.update(
                Sql.of(em), Bookables.MODEL, bookable, Map.of("comment", "still"), true));
    assertEquals(List.of("booking_confirmed", "bookable_unavailable"), db.mailsTo(ann.id()));
  }

  @Test
  void bulkStatusChangeTellsTheHoldersOfBookablesThatWereActive() throws Exception {
    User ann = user("ann-bulk");
    long bookable = fixture.bookable("mail-bulk", "active");
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    book(ann, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    tx.required(em -> bookables.createFor(Sql.of(em), List.of(host), "suspended"));
    tx.required(em -> bookables.createFor(Sql.of(em), List.of(host), "inactive"));
    assertEquals(List.of("booking_confirmed", "bookable_unavailable"), db.mailsTo(ann.id()));
  }

  @Test
  void staffCancellingSomeoneElsesBookingMailsTheOwner() throws Exception {
    User ann = user("ann-staff");
    long bookable = fixture.bookable("mail-staff", "active");
    long id = book(ann, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    tx.required(
        em -> {
          service.cancelBooking(Sql.of(em), staff, id, NOW);
          return null;
        });
    assertEquals(List.of("booking_confirmed", "booking_cancelled"), db.mailsTo(ann.id()));
    assertEquals(List.of(), db.mailsTo(staff.id()));
  }

  private static String last(List<String> list) {
    return list.get(list.size() - 1);
  }
}
