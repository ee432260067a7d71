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
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingServiceTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant HOUR = NOW.plus(Duration.ofHours(1));

  private BookingService service;
  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private User alice;
  private User bob;
  private User staff;
  private User reserver;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    service = new BookingService(DomainDatabase.mail(tx, ZoneOffset.UTC));
    fixture = new Fixture(db);
    alice = db.user("alice", false, Set.of());
    bob = db.user("bob", false, Set.of());
    staff = db.user("staff", true, Set.of());
    reserver = db.user("reserver", false, Set.of(Permissions.ADD_RESERVATION));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private Map<String, Object> book(User who, long bookable, Instant start, Instant end) {
    return tx.required(
        em ->
            service.book(
                Sql.of(em), who, new BookingRequest(bookable, start, end, null, null, null), NOW));
  }

  private Map<String, Object> reserve(User who, long bookable, Instant start, Instant end) {
    return tx.required(
        em ->
            service.reserve(
                Sql.of(em), who, new ReservationRequest(bookable, start, end, null, null), NOW));
  }

  private static int status(Runnable call) {
    return assertThrows(ProblemException.class, call::run).status();
  }

  @Test
  void bookingAnActiveBookableIsStored() throws Exception {
    long bookable = fixture.bookable("book-ok", "active");
    Map<String, Object> booking = book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    assertEquals(alice.id(), booking.get("owner"));
    assertEquals(HOUR, booking.get("start"));
    assertEquals(NOW, booking.get("timestamp"));
  }

  @Test
  void bookingsAndReservationsShowTheOriginalsFields() throws Exception {
    long bookable = fixture.bookable("book-fields", "active");
    Map<String, Object> booking =
        tx.required(
            em ->
                service.book(
                    Sql.of(em),
                    alice,
                    new BookingRequest(bookable, HOUR, HOUR.plusSeconds(60), "x", null, 4711L),
                    NOW));
    assertEquals(
        List.of(
            "id",
            "bookable",
            "owner",
            "start",
            "end",
            "comment",
            "timestamp",
            "mail_start_reminder_sent",
            "mail_end_reminder_sent",
            "mail_end_sent",
            "import_id"),
        List.copyOf(booking.keySet()));
    assertEquals(4711L, booking.get("import_id"));
    assertEquals(false, booking.get("mail_end_sent"));
    Instant later = HOUR.plus(Duration.ofDays(3));
    Map<String, Object> reservation = reserve(reserver, bookable, later, null);
    assertEquals(
        List.of(
            "id",
            "bookable",
            "owner",
            "start",
            "end",
            "comment",
            "timestamp",
            "mail_start_reminder_sent",
            "mail_end_sent",
            "mail_last_nag"),
        List.copyOf(reservation.keySet()));
    // the original counted the nag from the start until the first nag
    assertEquals(later, reservation.get("mail_last_nag"));
  }

  @Test
  void bookableMustBeActive() throws Exception {
    long bookable = fixture.bookable("book-suspended", "suspended");
    assertEquals(409, status(() -> book(alice, bookable, HOUR, HOUR.plusSeconds(60))));
  }

  @Test
  void overlappingBookingIsRefusedWithConflict() throws Exception {
    long bookable = fixture.bookable("book-overlap", "active");
    book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> book(bob, bookable, HOUR.plusSeconds(3600), HOUR.plus(Duration.ofHours(5))));
    assertEquals(409, e.status());
    assertTrue(e.detail().startsWith("The host is already booked from "), e.detail());
    assertEquals(java.util.List.of(e.detail()), e.errors().get("start"), "shown at the start");
    // adjacent is fine: periods are half-open
    book(bob, bookable, HOUR.plus(Duration.ofHours(2)), HOUR.plus(Duration.ofHours(3)));
  }

  @Test
  void databaseRefusesOverlappingBookingsEvenWithoutTheCheck() throws Exception {
    long bookable = fixture.bookable("book-constraint", "active");
    book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(2)));
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  s.execute(
                      "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time)"
                          + " VALUES ("
                          + bookable
                          + ", "
                          + bob.id()
                          + ", '"
                          + HOUR.plusSeconds(60)
                          + "', '"
                          + HOUR.plusSeconds(120)
                          + "')"));
      assertEquals("23P01", e.getSQLState());
      assertTrue(e.getMessage().contains(BookingService.BOOKING_OVERLAP), e.getMessage());
    }
  }

  /**
   * Another instance (or any writer that does not lock the bookable) holds an uncommitted
   * overlapping booking: the check cannot see it, the exclusion constraint waits for it and
   * refuses, and the refusal is a 409.
   */
  @Test
  void overlapThatTheCheckCannotSeeIsRefusedByTheConstraintAsConflict() throws Exception {
    long bookable = fixture.bookable("book-uncommitted", "active");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection other = db.connect()) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute(
            "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time) VALUES ("
                + bookable
                + ", "
                + bob.id()
                + ", '"
                + HOUR
                + "', '"
                + HOUR.plusSeconds(600)
                + "')");
      }
      Future<Integer> mine =
          pool.submit(
              () -> {
                try {
                  book(alice, bookable, HOUR.plusSeconds(300), HOUR.plusSeconds(900));
                  return 201;
                } catch (ProblemException e) {
                  assertEquals("The host is already booked in that time.", e.detail());
                  return e.status();
                }
              });
      // the insert waits on the other transaction's row; let it get there, then commit
      Thread.sleep(500);
      other.commit();
      assertEquals(409, mine.get());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        1, db.number("SELECT count(*) FROM booking_booking WHERE bookable_id = " + bookable));
  }

  @Test
  void fiftyConcurrentBookingsOfOneSlotLeaveExactlyOne() throws Exception {
    long bookable = fixture.bookable("book-race", "active");
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Callable<Integer> attempt =
            () -> {
              start.await();
              try {
                book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(1)));
                return 201;
              } catch (ProblemException e) {
                return e.status();
              }
            };
        answers.add(pool.submit(attempt));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(49, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
      assertEquals(
          1, db.number("SELECT count(*) FROM booking_booking WHERE bookable_id = " + bookable));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void bookableReservedNowCannotBeBooked() throws Exception {
    long bookable = fixture.bookable("book-reserved", "active");
    reserve(reserver, bookable, NOW, null);
    assertEquals(409, status(() -> book(alice, bookable, HOUR, HOUR.plusSeconds(60))));
  }

  @Test
  void bookingMayNotOverlapALaterReservation() throws Exception {
    long bookable = fixture.bookable("book-later-reservation", "active");
    reserve(reserver, bookable, HOUR.plus(Duration.ofDays(2)), null);
    assertEquals(409, status(() -> book(alice, bookable, HOUR, HOUR.plus(Duration.ofDays(3)))));
    book(alice, bookable, HOUR, HOUR.plus(Duration.ofDays(1)));
  }

  @Test
  void onlyMembersOfTheHostsGroupMayBook() throws Exception {
    long bookable = fixture.bookable("book-group", "active");
    long group = db.number("INSERT INTO auth_group (name) VALUES ('lab-team') RETURNING id");
    db.execute(
        "UPDATE inventory_host SET group_id = "
            + group
            + " WHERE id = (SELECT host_id FROM booking_bookable WHERE id = "
            + bookable
            + ")",
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES ("
            + bob.id()
            + ", "
            + group
            + ")");
    assertEquals(403, status(() -> book(alice, bookable, HOUR, HOUR.plusSeconds(60))));
    book(bob, bookable, HOUR, HOUR.plusSeconds(60));
  }

  @Test
  void bookingForAnotherUserNeedsStaff() throws Exception {
    long bookable = fixture.bookable("book-for-other", "active");
    BookingRequest forBob =
        new BookingRequest(bookable, HOUR, HOUR.plusSeconds(60), null, bob.id(), null);
    assertEquals(
        403, status(() -> tx.required(em -> service.book(Sql.of(em), alice, forBob, NOW))));
    Map<String, Object> booking = tx.required(em -> service.book(Sql.of(em), staff, forBob, NOW));
    assertEquals(bob.id(), booking.get("owner"));
  }

  @Test
  void unknownBookableIsAFieldError() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> book(alice, 999_999, HOUR, HOUR.plusSeconds(60)));
    assertEquals(400, e.status());
    assertEquals(List.of("no bookable with id 999999"), e.errors().get("bookable"));
  }

  @Test
  void reservationWithoutPermissionIsRefused() throws Exception {
    long bookable = fixture.bookable("reserve-denied", "active");
    assertEquals(403, status(() -> reserve(alice, bookable, HOUR, null)));
    assertEquals(
        0, db.number("SELECT count(*) FROM booking_reservation WHERE bookable_id = " + bookable));
  }

  @Test
  void atMostOneReservationHoldsAtATime() throws Exception {
    long bookable = fixture.bookable("reserve-twice", "active");
    reserve(reserver, bookable, HOUR, HOUR.plus(Duration.ofDays(60)));
    assertEquals(
        409, status(() -> reserve(reserver, bookable, HOUR.plus(Duration.ofDays(59)), null)));
    reserve(reserver, bookable, HOUR.plus(Duration.ofDays(60)), null);
  }

  @Test
  void reservationMayNotOverlapBookings() throws Exception {
    long bookable = fixture.bookable("reserve-over-booking", "active");
    book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(3)));
    assertEquals(409, status(() -> reserve(reserver, bookable, HOUR.plusSeconds(60), null)));
    reserve(reserver, bookable, HOUR.plus(Duration.ofHours(3)), null);
  }

  @Test
  void endingAReservationFreesTheBookableButMayNotCoverABooking() throws Exception {
    long bookable = fixture.bookable("reserve-end", "active");
    long later = (Long) reserve(reserver, bookable, HOUR.plus(Duration.ofDays(5)), null).get("id");
    Instant end = HOUR.plus(Duration.ofDays(6));
    Map<String, Object> ended =
        tx.required(
            em ->
                service.changeReservation(
                    Sql.of(em), later, new BookingService.Change(end, "over", false), NOW));
    assertEquals(end, ended.get("end"));
    assertEquals("over", ended.get("comment"));
    Instant afterEnd = end.plus(Duration.ofHours(1));
    book(alice, bookable, afterEnd, afterEnd.plus(Duration.ofHours(1)));
    assertEquals(
        409,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeReservation(
                            Sql.of(em),
                            later,
                            new BookingService.Change(
                                afterEnd.plus(Duration.ofDays(1)), null, false),
                            NOW))));
    assertEquals(
        400,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeReservation(
                            Sql.of(em),
                            later,
                            new BookingService.Change(HOUR, null, false),
                            NOW))));
  }

  @Test
  void ownerGivesABookingBackEarlyWithinTheBookingRules() throws Exception {
    long bookable = fixture.bookable("change-end", "active");
    long id = (Long) book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(5))).get("id");
    book(bob, bookable, HOUR.plus(Duration.ofHours(5)), HOUR.plus(Duration.ofHours(6)));
    Map<String, Object> changed =
        tx.required(
            em ->
                service.changeBooking(
                    Sql.of(em),
                    alice,
                    id,
                    new BookingService.Change(HOUR.plus(Duration.ofHours(2)), "done early", false),
                    NOW));
    assertEquals(HOUR.plus(Duration.ofHours(2)), changed.get("end"));
    assertEquals("done early", changed.get("comment"));
    assertEquals(
        403,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeBooking(
                            Sql.of(em),
                            bob,
                            id,
                            new BookingService.Change(null, "mine", false),
                            NOW))));
    assertEquals(
        409,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeBooking(
                            Sql.of(em),
                            alice,
                            id,
                            new BookingService.Change(HOUR.plus(Duration.ofHours(7)), null, false),
                            NOW))));
    assertEquals(
        400,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeBooking(
                            Sql.of(em),
                            alice,
                            id,
                            new BookingService.Change(HOUR.plus(Duration.ofDays(32)), null, false),
                            NOW))));
  }

  @Test
  void replacingABookingSetsEveryWritableFieldAndNeedsAnEnd() throws Exception {
    long bookable = fixture.bookable("replace-booking", "active");
    long id =
        (Long)
            tx.required(
                    em ->
                        service.book(
                            Sql.of(em),
                            alice,
                            new BookingRequest(
                                bookable, HOUR, HOUR.plus(Duration.ofHours(5)), "old", null, null),
                            NOW))
                .get("id");
    Instant end = HOUR.plus(Duration.ofHours(3));
    Map<String, Object> replaced =
        tx.required(
            em ->
                service.changeBooking(
                    Sql.of(em), alice, id, new BookingService.Change(end, null, true), NOW));
    assertEquals(end, replaced.get("end"));
    assertEquals("", replaced.get("comment"));
    assertEquals(
        400,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeBooking(
                            Sql.of(em),
                            alice,
                            id,
                            new BookingService.Change(null, "no end", true),
                            NOW))));
  }

  @Test
  void replacingAReservationWithoutAnEndReopensItUnlessABookingFollows() throws Exception {
    long bookable = fixture.bookable("replace-reservation", "active");
    Instant start = HOUR.plus(Duration.ofDays(1));
    long id =
        (Long)
            tx.required(
                    em ->
                        service.reserve(
                            Sql.of(em),
                            reserver,
                            new ReservationRequest(
                                bookable, start, start.plus(Duration.ofDays(1)), "held", null),
                            NOW))
                .get("id");
    Map<String, Object> reopened =
        tx.required(
            em ->
                service.changeReservation(
                    Sql.of(em), id, new BookingService.Change(null, null, true), NOW));
    assertEquals(null, reopened.get("end"));
    assertEquals("", reopened.get("comment"));
    Instant end = start.plus(Duration.ofDays(1));
    tx.required(
        em ->
            service.changeReservation(
                Sql.of(em), id, new BookingService.Change(end, null, true), NOW));
    book(alice, bookable, end.plus(Duration.ofDays(2)), end.plus(Duration.ofDays(3)));
    assertEquals(
        409,
        status(
            () ->
                tx.required(
                    em ->
                        service.changeReservation(
                            Sql.of(em), id, new BookingService.Change(null, null, true), NOW))));
  }

  @Test
  void onlyTheOwnerOrStaffMayCancel() throws Exception {
    long bookable = fixture.bookable("cancel-owner", "active");
    long first = (Long) book(alice, bookable, HOUR, HOUR.plusSeconds(60)).get("id");
    long second =
        (Long) book(alice, bookable, HOUR.plusSeconds(60), HOUR.plusSeconds(120)).get("id");
    assertEquals(
        403,
        status(
            () ->
                tx.required(
                    em -> {
                      service.cancelBooking(Sql.of(em), bob, first, NOW);
                      return null;
                    })));
    tx.required(
        em -> {
          service.cancelBooking(Sql.of(em), alice, first, NOW);
          service.cancelBooking(Sql.of(em), staff, second, NOW);
          return null;
        });
    assertEquals(
        0, db.number("SELECT count(*) FROM booking_booking WHERE bookable_id = " + bookable));
  }

  @Test
  void startedBookingCannotBeCancelled() throws Exception {
    long bookable = fixture.bookable("cancel-started", "active");
    long id = (Long) book(alice, bookable, HOUR, HOUR.plusSeconds(60)).get("id");
    assertEquals(
        409,
        status(
            () ->
                tx.required(
                    em -> {
                      service.cancelBooking(Sql.of(em), alice, id, HOUR.plusSeconds(1));
                      return null;
                    })));
  }

  private Map<String, Object> changeEnd(User who, long booking, Instant end) {
    return tx.required(
        em ->
            service.changeBooking(
                Sql.of(em), who, booking, new BookingService.Change(end, null, false), NOW));
  }

  private Map<String, Object> changeReservationEnd(long reservation, Instant end, boolean replace) {
    return tx.required(
        em ->
            service.changeReservation(
                Sql.of(em), reservation, new BookingService.Change(end, null, replace), NOW));
  }

  private long hostOf(long bookable) throws SQLException {
    return db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
  }

  @Test
  void extendingABookingKeepsTheRuleBookableActiveButShorteningDoesNot() throws Exception {
    long bookable = fixture.bookable("extend-suspended", "active");
    long id = (Long) book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(5))).get("id");
    db.execute("UPDATE booking_bookable SET status = 'suspended' WHERE id = " + bookable);
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> changeEnd(alice, id, HOUR.plus(Duration.ofHours(6))));
    assertEquals(409, e.status());
    assertTrue(e.errors().containsKey("bookable"), e.errors().toString());
    assertEquals(
        HOUR.plus(Duration.ofHours(2)),
        changeEnd(alice, id, HOUR.plus(Duration.ofHours(2))).get("end"));
  }

  @Test
  void extendingABookingKeepsTheRuleHostActive() throws Exception {
    long bookable = fixture.bookable("extend-retired", "active");
    long id = (Long) book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(5))).get("id");
    // written past the domain, which suspends the bookable with its host
    db.execute("UPDATE inventory_host SET status = 'retired' WHERE id = " + hostOf(bookable));
    assertEquals(409, status(() -> changeEnd(alice, id, HOUR.plus(Duration.ofHours(6)))));
    assertEquals(
        HOUR.plus(Duration.ofHours(1)),
        changeEnd(alice, id, HOUR.plus(Duration.ofHours(1))).get("end"));
  }

  @Test
  void extendingABookingKeepsTheRuleOwnerInTheHostsGroup() throws Exception {
    long bookable = fixture.bookable("extend-group-left", "active");
    long group = db.number("INSERT INTO auth_group (name) VALUES ('extend-team') RETURNING id");
    db.execute(
        "UPDATE inventory_host SET group_id = " + group + " WHERE id = " + hostOf(bookable),
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES ("
            + bob.id()
            + ", "
            + group
            + ")");
    long id = (Long) book(bob, bookable, HOUR, HOUR.plus(Duration.ofHours(5))).get("id");
    db.execute(
        "DELETE FROM auth_user_groups WHERE user_id = " + bob.id() + " AND group_id = " + group);
    assertEquals(403, status(() -> changeEnd(bob, id, HOUR.plus(Duration.ofHours(6)))));
    // staff extending it for him does not lift the rule: it is the owner's booking
    assertEquals(403, status(() -> changeEnd(staff, id, HOUR.plus(Duration.ofHours(6)))));
    changeEnd(bob, id, HOUR.plus(Duration.ofHours(4)));
  }

  @Test
  void anEndedBookingCannotBeExtended() throws Exception {
    long bookable = fixture.bookable("extend-ended", "active");
    long id =
        fixture.booking(
            bookable, alice.id(), NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(1)));
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> changeEnd(alice, id, NOW.plus(Duration.ofHours(1))));
    assertEquals(400, e.status());
    assertTrue(
        e.errors().get("end").get(0).contains("has ended and cannot be extended"),
        e.errors().toString());
    assertEquals(
        NOW.minus(Duration.ofHours(1)),
        tx.required(
            em ->
                Sql.of(em)
                    .row("SELECT end_time FROM booking_booking WHERE id = ?", List.of(id))
                    .get("end_time")));
  }

  @Test
  void extendingABookingKeepsTheRuleNoReservationInTheAddedTime() throws Exception {
    long bookable = fixture.bookable("extend-reserved", "active");
    long id = (Long) book(alice, bookable, HOUR, HOUR.plus(Duration.ofHours(2))).get("id");
    reserve(reserver, bookable, HOUR.plus(Duration.ofHours(3)), null);
    assertEquals(409, status(() -> changeEnd(alice, id, HOUR.plus(Duration.ofHours(4)))));
    changeEnd(alice, id, HOUR.plus(Duration.ofHours(3)));
  }

  @Test
  void extendingAReservationKeepsTheRulesOfANewReservation() throws Exception {
    long bookable = fixture.bookable("extend-reservation", "active");
    Instant start = HOUR.plus(Duration.ofDays(1));
    long id = (Long) reserve(reserver, bookable, start, start.plus(Duration.ofDays(2))).get("id");
    db.execute("UPDATE booking_bookable SET status = 'suspended' WHERE id = " + bookable);
    assertEquals(
        409, status(() -> changeReservationEnd(id, start.plus(Duration.ofDays(3)), false)));
    assertEquals(409, status(() -> changeReservationEnd(id, null, true)));
    assertEquals(
        start.plus(Duration.ofDays(1)),
        changeReservationEnd(id, start.plus(Duration.ofDays(1)), false).get("end"));
  }

  @Test
  void anEndedReservationCannotBeExtended() throws Exception {
    long bookable = fixture.bookable("extend-ended-reservation", "active");
    long id =
        db.number(
            "INSERT INTO booking_reservation (bookable_id, owner_id, start_time, end_time)"
                + " VALUES ("
                + bookable
                + ", "
                + reserver.id()
                + ", '"
                + NOW.minus(Duration.ofDays(2))
                + "', '"
                + NOW.minus(Duration.ofDays(1))
                + "') RETURNING id");
    ProblemException e =
        assertThrows(ProblemException.class, () -> changeReservationEnd(id, null, true));
    assertEquals(400, e.status());
    assertTrue(
        e.errors().get("end").get(0).contains("has ended and cannot be extended"),
        e.errors().toString());
  }
}
