package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.web.ProblemException;
import cores.domain.booking.BookingService.BookingRequest;
import cores.domain.booking.BookingService.ReservationRequest;
import cores.domain.sql.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changing a booking's or reservation's end, or replacing it, keeps the rules a new one keeps: an
 * extension needs what a new booking would (an active bookable and host, the owner still in the
 * host's group, no reservation in the added time), an ended hold is not extended, a replacement
 * sets every writable field; giving a booking back early is the owner's.
 */
class ChangingHoldsTest extends BookingServiceFixture {
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
    // someone else: the booking is not theirs to see, so it is not there
    assertEquals(
        404,
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
  void endNowGraceAnEndJustPastOfARunningBookingEndsItNow() throws Exception {
    long bookable = fixture.bookable("end-now", "active");
    long id =
        fixture.booking(
            bookable, alice.id(), NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(2)));
    // the client's "now" arrives a few seconds late: taken as now, not refused
    Map<String, Object> ended = changeEnd(alice, id, NOW.minusSeconds(5));
    assertEquals(NOW, ended.get("end"));
    assertEquals(
        NOW,
        tx.required(
            em ->
                Sql.of(em)
                    .row("SELECT end_time FROM booking_booking WHERE id = ?", List.of(id))
                    .get("end_time")));
  }

  @Test
  void endNowGraceDoesNotRewriteHistory() throws Exception {
    long bookable = fixture.bookable("end-now-history", "active");
    long running =
        fixture.booking(
            bookable, alice.id(), NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(2)));
    // beyond the grace: the past is not changed
    ProblemException old =
        assertThrows(
            ProblemException.class,
            () -> changeEnd(alice, running, NOW.minus(BookingRules.END_NOW_GRACE).minusSeconds(1)));
    assertEquals(List.of("may not be in the past"), old.errors().get("end"));
    // an ended booking keeps its end, even one within the grace
    long ended =
        fixture.booking(
            bookable, alice.id(), NOW.minus(Duration.ofHours(4)), NOW.minus(Duration.ofHours(3)));
    ProblemException shortened =
        assertThrows(ProblemException.class, () -> changeEnd(alice, ended, NOW.minusSeconds(5)));
    assertEquals(400, shortened.status());
    // a booking that has not started is not running: its end stays where it is asked for
    long later =
        (Long)
            book(alice, bookable, HOUR.plus(Duration.ofHours(3)), HOUR.plus(Duration.ofHours(4)))
                .get("id");
    assertEquals(400, status(() -> changeEnd(alice, later, NOW.minusSeconds(5))));
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

  /**
   * A reservation lengthened over a booking is refused as a new reservation over it is, at the end:
   * it said "The bookable is booked from 2027-05-31T00:00:00Z in that time.", a raw UTC time and no
   * field.
   */
  @Test
  void aReservationLengthenedOverABookingIsRefusedInTheWordsOfANewOneAtItsEnd() throws Exception {
    long bookable = fixture.bookable("extend-over-booking", "active");
    Instant start = HOUR.plus(Duration.ofDays(1));
    long id = (Long) reserve(reserver, bookable, start, start.plus(Duration.ofDays(1))).get("id");
    book(alice, bookable, start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(3)));
    Instant later = start.plus(Duration.ofDays(4));
    ProblemException created =
        assertThrows(
            ProblemException.class,
            () -> reserve(reserver, bookable, start.plus(Duration.ofDays(1)), later));
    ProblemException lengthened =
        assertThrows(ProblemException.class, () -> changeReservationEnd(id, later, false));
    assertEquals(409, lengthened.status());
    assertEquals(created.detail(), lengthened.detail());
    assertEquals(List.of(created.detail()), lengthened.errors().get("end"));
    assertEquals(List.of(created.detail()), created.errors().get("start"));
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
