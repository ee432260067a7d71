package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.booking.BookableQuery;
import cores.api.booking.BookableResults;
import cores.api.booking.Catalog;
import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
import cores.api.web.ProblemException;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.domain.sql.Sql;
import cores.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The booking desk of the pages, on a real database, at the real "now" (the database's too). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingDeskServiceTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private DomainDatabase db;
  private TestDatabase.Tx tx;
  private Fixture fixture;
  private BookingMail mail;
  private BookingDeskService desk;
  private User ann;
  private User bob;
  private LocalDate today;

  @BeforeAll
  void setUp() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    mail = DomainDatabase.mail(tx, ZONE);
    desk = new BookingDeskService(tx, mail, new SearchCache(mail), Clock.systemUTC());
    ann = db.user("ann", false, Set.of());
    bob = db.user("bob", false, Set.of());
    today = LocalDate.now(ZONE);
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void wholeDayBookingsStartNowWhenTheFirstDayIsTodayAndEndAtMidnightAfterTheLast() {
    long bookable = bookable("desk-days");
    Instant before = Instant.now();
    Hold hold = desk.bookDays(ann, bookable, today, today.plusDays(1), "tests", null);
    assertTrue(!hold.start().isBefore(before.truncatedTo(ChronoUnit.MILLIS)), "starts now");
    assertEquals(today.plusDays(2).atStartOfDay(ZONE).toInstant(), hold.end());
    Hold later = desk.bookDays(ann, bookable, today.plusDays(3), today.plusDays(3), "", null);
    assertEquals(today.plusDays(3).atStartOfDay(ZONE).toInstant(), later.start());
    assertEquals(
        List.of(hold.id(), later.id()),
        desk.holdsOf(ann.id(), Instant.now()).stream()
            .filter(h -> h.bookable() == bookable)
            .map(Hold::id)
            .toList());
  }

  @Test
  void aPageOfHoldsHasTheEarliestBookingsAndReservationsOfEachKindUpToTheLimit() throws Exception {
    User cap = db.user("cap", false, Set.of());
    List<Long> bookings = new java.util.ArrayList<>();
    for (int day = 3; day >= 1; day--) {
      long bookable = bookable("desk-cap-b" + day);
      bookings.add(
          0, desk.bookDays(cap, bookable, today.plusDays(day), today.plusDays(day), "", null).id());
    }
    for (int days = 1; days <= 3; days++) {
      db.execute(
          "INSERT INTO booking_reservation (bookable_id, owner_id, start_time) VALUES ("
              + bookable("desk-cap-r" + days)
              + ", "
              + cap.id()
              + ", now() - interval '"
              + days
              + " days')");
    }
    List<Hold> page = desk.holdsOf(cap.id(), Instant.now(), 2);
    assertEquals(
        bookings.subList(0, 2),
        page.stream().filter(h -> h.kind() == Hold.Kind.BOOKING).map(Hold::id).toList());
    List<Hold> reservations = page.stream().filter(h -> h.kind() == Hold.Kind.RESERVATION).toList();
    assertEquals(
        List.of("desk-cap-r3", "desk-cap-r2"), reservations.stream().map(Hold::hostname).toList());
    assertEquals(6, desk.holdsOf(cap.id(), Instant.now()).size());
    assertThrows(IllegalArgumentException.class, () -> desk.holdsOf(cap.id(), Instant.now(), 0));
  }

  @Test
  void theLastDayBeforeTheFirstIsAFieldErrorAndNothingIsWritten() throws Exception {
    long bookable = bookable("desk-order");
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> desk.bookDays(ann, bookable, today.plusDays(2), today.plusDays(1), "", null));
    assertEquals(400, e.status());
    assertEquals(List.of("the last day may not be before the first"), e.errors().get("end"));
    assertEquals(
        0, db.number("SELECT count(*) FROM booking_booking WHERE bookable_id = " + bookable));
  }

  @Test
  void anOverlappingBookingIsRefusedAtTheStart() {
    long bookable = bookable("desk-overlap");
    desk.bookDays(ann, bookable, today.plusDays(1), today.plusDays(2), "", null);
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> desk.bookDays(bob, bookable, today.plusDays(2), today.plusDays(4), "", null));
    assertEquals(409, e.status());
    assertTrue(e.errors().get("start").get(0).startsWith("The host is already booked from"));
  }

  @Test
  void theHostSheetHasItsBookableHoldsAndStrip() throws Exception {
    long bookable = bookable("desk-sheet");
    long host = db.number("SELECT host_id FROM booking_bookable WHERE id = " + bookable);
    db.execute(
        "INSERT INTO inventory_nic (mac, host_id, \"primary\", ip) VALUES ('02:00:00:00:00:aa', "
            + host
            + ", true, '10.1.0.9')",
        "UPDATE inventory_host SET ip = '10.1.0.9' WHERE id = " + host);
    desk.bookDays(ann, bookable, today.plusDays(1), today.plusDays(1), "strip", null);
    HostSheet sheet = desk.host(host).orElseThrow();
    assertEquals("desk-sheet", sheet.hostname());
    assertEquals("10.1.0.9", sheet.ip());
    assertEquals("R640", sheet.hardware());
    assertEquals("tcpreplay", sheet.hostType());
    assertEquals(new HostSheet.Location("B1", "lab1", 0), sheet.location());
    assertEquals("02:00:00:00:00:aa", sheet.nics().get(0).mac());
    assertTrue(sheet.bookable().bookable());
    assertEquals(1, sheet.holds().size());
    assertEquals("ann", sheet.holds().get(0).owner().username());
    assertEquals(HostSheet.State.FREE, sheet.days().get(0).state());
    assertEquals(HostSheet.State.BOOKED, sheet.days().get(1).state());
    assertEquals(Optional.of(host), desk.hostOf(bookable));
    assertTrue(desk.host(-1).isEmpty());
  }

  @Test
  void cancellingNeedsTheOwnerOrStaffAndOthersAreNotToldTheBookingExists() throws Exception {
    long bookable = bookable("desk-cancel");
    Hold hold = desk.bookDays(ann, bookable, today.plusDays(5), today.plusDays(5), "", null);
    ProblemException e =
        assertThrows(ProblemException.class, () -> desk.cancelBooking(bob, hold.id()));
    assertEquals(404, e.status(), "as reading it answers him");
    User viewer = db.user("desk-viewer", false, Set.of("booking.view_booking"));
    assertEquals(
        403,
        assertThrows(ProblemException.class, () -> desk.cancelBooking(viewer, hold.id())).status(),
        "who may read it is told it is not theirs");
    desk.cancelBooking(ann, hold.id());
    assertTrue(desk.booking(hold.id()).isEmpty());
  }

  @Test
  void theSearchIsTheApisSearchAsTypedRows() {
    long bookable = bookable("desk-search");
    BookableResults free = desk.search(BookableQuery.freeNow(), Optional.of(ann), 500, 0);
    assertTrue(free.rows().stream().anyMatch(r -> r.id() == bookable));
    var row = free.rows().stream().filter(r -> r.id() == bookable).findFirst().orElseThrow();
    assertEquals("[tcpreplay] R640", row.hardware());
    assertEquals("lab1", row.lab());
    assertEquals(0, row.rack());
    assertNull(row.bookedUntil());
    assertTrue(row.free());
  }

  @Test
  void theCatalogGroupsLabsByBuildingAndHardwareByType() {
    Catalog catalog = desk.catalog();
    Catalog.Group building = catalog.buildings().get(0);
    assertEquals("B1", building.name());
    assertEquals("lab1", building.options().get(0).name());
    assertEquals("tcpreplay", catalog.hostTypes().get(0).name());
    assertFalse(catalog.hostTypes().get(0).options().isEmpty());
  }

  @Test
  void theWholeDaysOfOctoberAreABookingInBerlinThoughTheyHaveAnHourMore() {
    BookingDeskService september = at(Instant.parse("2027-09-15T10:00:00Z"));
    Hold october =
        september.bookDays(
            ann,
            bookable("desk-october"),
            LocalDate.of(2027, 10, 1),
            LocalDate.of(2027, 10, 31),
            "",
            null);
    assertEquals(
        Duration.ofDays(31).plusHours(1), Duration.between(october.start(), october.end()));
  }

  @Test
  void aLastDayWhoseMidnightIsInTheYear10000IsRefusedAtTheEndAndNothingIsWritten()
      throws Exception {
    BookingMail utc = DomainDatabase.mail(tx, ZoneOffset.UTC);
    BookingDeskService inUtc =
        new BookingDeskService(tx, utc, new SearchCache(utc), Clock.systemUTC());
    long bookable = bookable("desk-9999");
    LocalDate last = LocalDate.of(9999, 12, 31);
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> inUtc.bookDays(ann, bookable, last, last, "", null));
    assertEquals(400, e.status());
    assertEquals(
        List.of("would end after the year 9999 (at +10000-01-01T00:00:00Z)"),
        e.errors().get("end"));
    assertEquals(
        0, db.number("SELECT count(*) FROM booking_booking WHERE bookable_id = " + bookable));
  }

  @Test
  void aCommentOnlyEditKeepsTheEnd() {
    Instant before = Instant.parse("2026-12-01T10:00:00Z");
    Instant nine = Instant.parse("2026-12-15T09:00:00Z");
    Instant eleven = nine.plus(Duration.ofHours(2));
    long bookable = bookable("desk-comment");
    long id = book(ann, bookable, nine, eleven, before);
    // someone else's booking follows: an end moved to midnight would overlap it
    book(bob, bookable, eleven, eleven.plus(Duration.ofHours(2)), before);
    LocalDate lastDay = LocalDate.of(2026, 12, 15);
    Hold changed = at(before).changeBooking(ann, id, lastDay, "only the comment");
    assertEquals(eleven, changed.end());
    assertEquals("only the comment", changed.comment());
    // nor does it grow past 31 days
    long month = book(ann, bookable("desk-month"), nine, nine.plus(Duration.ofDays(31)), before);
    Hold kept = at(before).changeBooking(ann, month, LocalDate.of(2027, 1, 15), "still a month");
    assertEquals(nine.plus(Duration.ofDays(31)), kept.end());
  }

  @Test
  void aChangedLastDayEndsTheBookingAtTheMidnightAfterIt() {
    Instant before = Instant.parse("2026-12-01T10:00:00Z");
    Instant nine = Instant.parse("2026-12-15T09:00:00Z");
    long id = book(ann, bookable("desk-last-day"), nine, nine.plus(Duration.ofHours(2)), before);
    Hold longer = at(before).changeBooking(ann, id, LocalDate.of(2026, 12, 17), "");
    assertEquals(LocalDate.of(2026, 12, 18).atStartOfDay(ZONE).toInstant(), longer.end());
    Hold shorter = at(before).changeBooking(ann, id, LocalDate.of(2026, 12, 16), "");
    assertEquals(LocalDate.of(2026, 12, 17).atStartOfDay(ZONE).toInstant(), shorter.end());
  }

  @Test
  void givingABookingBackNowEndsItAtOnceAndOnlyWhileItHolds() {
    Instant before = Instant.parse("2026-12-01T10:00:00Z");
    Instant nine = Instant.parse("2026-12-15T09:00:00Z");
    long id = book(ann, bookable("desk-give-back"), nine, nine.plus(Duration.ofHours(2)), before);
    ProblemException upcoming =
        assertThrows(ProblemException.class, () -> at(before).endBooking(ann, id));
    assertEquals(400, upcoming.status());
    Instant ten = nine.plus(Duration.ofHours(1));
    assertEquals(
        404, assertThrows(ProblemException.class, () -> at(ten).endBooking(bob, id)).status());
    Hold ended = at(ten).endBooking(ann, id);
    assertEquals(ten, ended.end());
    ProblemException again =
        assertThrows(ProblemException.class, () -> at(ten.plusSeconds(60)).endBooking(ann, id));
    assertEquals(
        List.of("this booking has already ended: there is nothing to give back"),
        again.errors().get("end"));
    assertEquals(
        404,
        assertThrows(ProblemException.class, () -> at(ten.plusSeconds(60)).endBooking(bob, id))
            .status());
    assertEquals(ten, desk.booking(id).orElseThrow().end());
  }

  /**
   * A form for today opened before midnight and sent just after it: the day that has just ended is
   * today still (the API's grace for a start just past), later it is the past; a booking of that
   * day alone is refused as over, not as starting in the past.
   */
  @Test
  void aFormForTodaySentJustAfterMidnightStartsNow() throws Exception {
    LocalDate day = LocalDate.of(2027, 3, 10);
    Instant midnight = day.plusDays(1).atStartOfDay(ZONE).toInstant();
    Instant late = midnight.plusSeconds(30);
    long bookable = bookable("desk-midnight");
    Hold booking = at(late).bookDays(ann, bookable, day, day.plusDays(1), "", null);
    assertEquals(late, booking.start());
    assertEquals(day.plusDays(2).atStartOfDay(ZONE).toInstant(), booking.end());
    long other = bookable("desk-midnight-2");
    ProblemException tooLate =
        assertThrows(
            ProblemException.class,
            () ->
                at(midnight.plus(BookingRules.END_NOW_GRACE).plusSeconds(1))
                    .bookDays(ann, other, day, day.plusDays(1), "", null));
    assertEquals(List.of("may not be in the past"), tooLate.errors().get("start"));
    ProblemException over =
        assertThrows(
            ProblemException.class, () -> at(late).bookDays(ann, other, day, day, "", null));
    assertEquals(
        List.of("this day is over: the last day may not be in the past"), over.errors().get("end"));
    User reserver = db.user("rita", false, Set.of("booking.add_reservation"));
    Hold reservation = at(late).reserve(reserver, other, day, "", null);
    assertEquals(late, reservation.start());
  }

  /**
   * A second cancel (the back button, a second press) finds the booking gone: a 404 that says it
   * may have been cancelled, to its owner, staff and anyone else alike, as for a hold never made:
   * nothing read from the change log, whose deletion is trimmed after CORES_CHANGELOG_DAYS.
   */
  @Test
  void aCancelledHoldIsNotFoundSayingItMayHaveBeenCancelled() throws Exception {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    Instant nine = Instant.parse("2026-12-15T09:00:00Z");
    long id = book(ann, bookable("desk-cancel-twice"), nine, nine.plus(Duration.ofHours(2)), now);
    at(now).cancelBooking(ann, id);
    User staff = db.user("stella", true, Set.of());
    for (User who : List.of(ann, staff, bob)) {
      ProblemException again =
          assertThrows(
              ProblemException.class, () -> at(now).holdToChange(who, Hold.Kind.BOOKING, id));
      assertEquals(404, again.status(), who.username());
      assertEquals(
          "No booking with id " + id + ": it was never made or has been cancelled.",
          again.getMessage(),
          who.username());
    }
    // never made: the same answer
    long never = id + 1_000_000;
    assertEquals(
        "No reservation with id " + never + ": it was never made or has been cancelled.",
        assertThrows(
                ProblemException.class,
                () -> at(now).holdToChange(ann, Hold.Kind.RESERVATION, never))
            .getMessage());
  }

  /**
   * The pages' forms say why a host cannot be booked by the rule the posts are refused by: the
   * host's own status counts, not only its bookable's.
   */
  @Test
  void aHostThatIsNotActiveIsUnbookableThoughItsBookableIsActive() throws Exception {
    long bookable = bookable("desk-host-status");
    long host = desk.hostOf(bookable).orElseThrow();
    assertEquals(Optional.empty(), desk.unbookable(desk.host(host).orElseThrow()));
    // as imported, or written past the rule that suspends the bookable
    db.execute("UPDATE inventory_host SET status = 'retired' WHERE id = " + host);
    HostSheet retired = desk.host(host).orElseThrow();
    assertEquals("active", retired.bookable().status());
    String why = "The host is retired, not active: it cannot be booked.";
    assertEquals(Optional.of(why), desk.unbookable(retired));
    ProblemException refused =
        assertThrows(
            ProblemException.class, () -> desk.bookDays(ann, bookable, today, today, "", null));
    assertEquals(why, refused.getMessage());
    db.execute(
        "UPDATE inventory_host SET status = 'active' WHERE id = " + host,
        "UPDATE booking_bookable SET status = 'suspended' WHERE id = " + bookable);
    assertEquals(
        Optional.of("The host's bookable is suspended, not active: it cannot be booked."),
        desk.unbookable(desk.host(host).orElseThrow()));
  }

  /** A booking as the API makes it (any times), at {@code now}; its id. */
  private long book(User owner, long bookable, Instant start, Instant end, Instant now) {
    return tx.required(
        em ->
            (Long)
                new BookingService(mail)
                    .book(
                        Sql.of(em),
                        owner,
                        new BookingService.BookingRequest(bookable, start, end, "", null, null),
                        now)
                    .get("id"));
  }

  /** The desk as it is at that instant. */
  private BookingDeskService at(Instant now) {
    return new BookingDeskService(tx, mail, new SearchCache(mail), Clock.fixed(now, ZONE));
  }

  private long bookable(String hostname) {
    try {
      return fixture.bookable(hostname, "active");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
