package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.domain.inventory.Values;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final ZoneId UTC = ZoneOffset.UTC;

  @Test
  void timesWithAnOffsetOrZoneAreTakenAsGivenAndWithoutOneInTheConfiguredZone() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertEquals(
        Instant.parse("2026-11-25T08:00:00Z"), Values.time("2026-11-25T09:00:00+01:00", paris));
    assertEquals(Instant.parse("2026-11-25T09:00:00Z"), Values.time("2026-11-25T09:00Z", paris));
    assertEquals(
        Instant.parse("2026-11-25T08:00:00Z"),
        Values.time("2026-11-25T09:00:00+01:00[Europe/Paris]", ZoneOffset.UTC));
    // no offset: Paris time (winter: UTC+1, summer: UTC+2); a space may stand for the T
    assertEquals(Instant.parse("2026-11-25T08:00:00Z"), Values.time("2026-11-25T09:00", paris));
    assertEquals(
        Instant.parse("2026-07-01T07:00:00.5Z"), Values.time("2026-07-01 09:00:00.5", paris));
  }

  @Test
  void digitsFinerThanAMicrosecondAreDroppedNotRoundedIntoTheYear10000() {
    Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");
    assertEquals(last, Values.time("9999-12-31T23:59:59.999999999", UTC));
    assertEquals(last, Values.time("9999-12-31T23:59:59.9999995Z", ZoneId.of("Europe/Paris")));
  }

  @Test
  void aBookingThatWouldEndAfterTheYear9999IsRefusedAtTheEnd() {
    Instant end = Instant.parse("+10000-01-01T00:00:00Z");
    assertEquals(
        Map.of("end", "would end after the year 9999 (at +10000-01-01T00:00:00Z)"),
        BookingRules.bookingTimes(end.minus(Duration.ofDays(1)), end, NOW, UTC));
  }

  @Test
  void aPlainDateOrAnythingElseIsRefusedWithTheFormatToSend() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    IllegalArgumentException date =
        assertThrows(IllegalArgumentException.class, () -> Values.time("2026-11-25", paris));
    assertEquals(
        "a date alone is not enough: send an ISO-8601 date and time, e.g."
            + " 2026-01-31T09:00:00+01:00, or 2026-01-31T09:00 for Europe/Paris time",
        date.getMessage());
    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> Values.time("tomorrow", paris));
    assertTrue(other.getMessage().startsWith("not a date and time: send an ISO-8601"));
  }

  @Test
  void bookingLongerThan31DaysIsRefused() {
    Map<String, String> problems =
        BookingRules.bookingTimes(NOW, NOW.plus(Duration.ofDays(31)).plusSeconds(1), NOW, UTC);
    assertEquals(Map.of("end", "a booking lasts at most 31 days; reserve instead"), problems);
  }

  @Test
  void bookingOfExactly31DaysIsAccepted() {
    assertTrue(BookingRules.bookingTimes(NOW, NOW.plus(Duration.ofDays(31)), NOW, UTC).isEmpty());
  }

  @Test
  void thirtyOneWholeDaysOfTheSiteAreABookingThoughSummerTimeEndsWithinThem() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant october = Instant.parse("2026-09-30T22:00:00Z"); // 1 October, 00:00 in Berlin
    Instant november = Instant.parse("2026-10-31T23:00:00Z"); // 1 November, 00:00 in Berlin
    assertEquals(Duration.ofDays(31).plusHours(1), Duration.between(october, november));
    assertEquals(Map.of(), BookingRules.bookingTimes(october, november, october, berlin));
    assertEquals(
        "a booking lasts at most 31 days; reserve instead",
        BookingRules.bookingTimes(october, november.plusSeconds(1), october, berlin).get("end"));
  }

  @Test
  void thirtyOneDaysAreCountedOnTheSitesClocksAlsoWhenSummerTimeStarts() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant march = Instant.parse("2027-02-28T23:00:00Z"); // 1 March, 00:00 in Berlin
    Instant april = Instant.parse("2027-03-31T22:00:00Z"); // 1 April, 00:00 in Berlin
    assertEquals(Map.of(), BookingRules.bookingTimes(march, april, march, berlin));
    assertEquals(
        "a booking lasts at most 31 days; reserve instead",
        BookingRules.bookingTimes(march, april.plusSeconds(1), march, berlin).get("end"));
  }

  @Test
  void bookingStartingInThePastIsRefused() {
    assertEquals(
        "may not be in the past",
        BookingRules.bookingTimes(NOW.minusSeconds(1), NOW.plusSeconds(3600), NOW, UTC)
            .get("start"));
  }

  @Test
  void bookingEndingBeforeItStartsIsRefused() {
    assertEquals(
        "must be after the start",
        BookingRules.bookingTimes(NOW.plusSeconds(60), NOW.plusSeconds(60), NOW, UTC).get("end"));
    assertEquals(
        "must be after the start",
        BookingRules.bookingTimes(NOW.plusSeconds(60), NOW, NOW, UTC).get("end"));
  }

  @Test
  void bookingWithoutEndIsRefused() {
    assertEquals("required", BookingRules.bookingTimes(NOW, null, NOW, UTC).get("end"));
  }

  @Test
  void reservationMayBeOpenEndedAndLongerThan31Days() {
    assertTrue(BookingRules.reservationTimes(NOW, null, NOW).isEmpty());
    assertTrue(BookingRules.reservationTimes(NOW, NOW.plus(Duration.ofDays(400)), NOW).isEmpty());
  }

  @Test
  void reservationStartingInThePastIsRefused() {
    assertEquals(
        "may not be in the past",
        BookingRules.reservationTimes(NOW.minusSeconds(1), null, NOW).get("start"));
  }

  @Test
  void anUnchangedLastDayKeepsTheEndAndAnotherEndsAtTheMidnightAfterIt() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant eleven = Instant.parse("2026-12-15T11:00:00Z");
    assertNull(BookingRules.changedLastDay(eleven, LocalDate.of(2026, 12, 15), berlin));
    Instant midnight = Instant.parse("2026-12-15T23:00:00Z"); // 16 December, 00:00 in Berlin
    assertNull(BookingRules.changedLastDay(midnight, LocalDate.of(2026, 12, 15), berlin));
    assertEquals(
        Instant.parse("2026-12-16T23:00:00Z"),
        BookingRules.changedLastDay(eleven, LocalDate.of(2026, 12, 16), berlin));
    assertEquals(
        midnight,
        BookingRules.changedLastDay(
            eleven.plus(Duration.ofDays(3)), LocalDate.of(2026, 12, 15), berlin));
  }

  @Test
  void onlyWhatHasNotStartedMayBeCancelled() {
    assertTrue(BookingRules.cancellable(NOW.plusSeconds(1), NOW));
    assertFalse(BookingRules.cancellable(NOW, NOW));
    assertFalse(BookingRules.cancellable(NOW.minusSeconds(1), NOW));
  }

  @Test
  void adjacentPeriodsDoNotOverlapAndOpenEndsOverlapEverythingLater() {
    Instant later = NOW.plusSeconds(3600);
    assertFalse(BookingRules.overlap(NOW, later, later, later.plusSeconds(60)));
    assertTrue(BookingRules.overlap(NOW, later, later.minusSeconds(1), null));
    assertTrue(BookingRules.overlap(later.plusSeconds(9999), null, NOW, null));
    assertFalse(BookingRules.overlap(NOW, later, later.plusSeconds(1), null));
  }
}
