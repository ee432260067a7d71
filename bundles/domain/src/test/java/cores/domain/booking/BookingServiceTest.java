package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.web.ProblemException;
import cores.domain.booking.BookingService.BookingRequest;
import cores.domain.inventory.Values;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Booking and reserving through the service: what is stored and shown (the original's fields), who
 * may book which bookable (active ones, the host's group, staff for others) or reserve at all, and
 * who may cancel a booking that has not started.
 */
class BookingServiceTest extends BookingServiceFixture {
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
  void onlyTheOwnerOrStaffMayCancel() throws Exception {
    long bookable = fixture.bookable("cancel-owner", "active");
    long first = (Long) book(alice, bookable, HOUR, HOUR.plusSeconds(60)).get("id");
    long second =
        (Long) book(alice, bookable, HOUR.plusSeconds(60), HOUR.plusSeconds(120)).get("id");
    // to bob, who may not read it, alice's booking is not there
    assertEquals(
        404,
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

  @Test
  void aReservationEndingInTheLastMicrosecondOf9999IsStoredIn9999() throws Exception {
    long bookable = fixture.bookable("reserve-9999", "active");
    Instant end = Values.time("9999-12-31T23:59:59.999999999Z", ZoneOffset.UTC);
    assertEquals(
        Instant.parse("9999-12-31T23:59:59.999999Z"),
        reserve(reserver, bookable, HOUR, end).get("end"));
  }

  @Test
  void anImportIdBelowOneIsRefusedAtTheFieldAndNothingIsBooked() throws Exception {
    long bookable = fixture.bookable("import-id", "active");
    for (long importId : new long[] {0, -1}) {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () ->
                  tx.required(
                      em ->
                          service.book(
                              Sql.of(em),
                              alice,
                              new BookingRequest(
                                  bookable, HOUR, HOUR.plusSeconds(60), null, null, importId),
                              NOW)));
      assertEquals(400, e.status());
      assertEquals(List.of("must be an id, 1 or more"), e.errors().get("import_id"));
    }
    assertEquals(
        0, db.number("SELECT count(*) FROM booking_booking WHERE bookable_id = " + bookable));
  }

  @Test
  void aStartSentAsNowArrivingLateIsNowAndAnEarlierOneIsRefused() throws Exception {
    long bookable = fixture.bookable("book-now", "active");
    Instant read = NOW.minusSeconds(2);
    Map<String, Object> booking = book(alice, bookable, read, NOW.plus(Duration.ofHours(2)));
    assertEquals(NOW, booking.get("start"));
    long other = fixture.bookable("reserve-now", "active");
    assertEquals(NOW, reserve(reserver, other, read, null).get("start"));
    Instant earlier = NOW.minus(BookingRules.END_NOW_GRACE).minusSeconds(1);
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> book(alice, bookable, earlier, NOW.plus(Duration.ofDays(1))));
    assertEquals(List.of("may not be in the past"), e.errors().get("start"));
  }
}
