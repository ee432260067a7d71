package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * No two holds of a bookable overlap: a booking or reservation over another is a 409 at its start,
 * the database's exclusion constraint refuses what the check cannot see (another writer's
 * uncommitted booking, fifty at once), and at most one reservation holds at a time.
 */
class OverlappingHoldsTest extends BookingServiceFixture {
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
}
