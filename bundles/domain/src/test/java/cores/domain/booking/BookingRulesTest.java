package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void timesWithAnOffsetOrZoneAreTakenAsGivenAndWithoutOneInTheConfiguredZone() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertEquals(
        Instant.parse("2026-11-25T08:00:00Z"),
        BookingRules.time("2026-11-25T09:00:00+01:00", paris));
    assertEquals(
        Instant.parse("2026-11-25T09:00:00Z"), BookingRules.time("2026-11-25T09:00Z", paris));
    assertEquals(
        Instant.parse("2026-11-25T08:00:00Z"),
        BookingRules.time("2026-11-25T09:00:00+01:00[Europe/Paris]", ZoneOffset.UTC));
    // no offset: Paris time (winter: UTC+1, summer: UTC+2); a space may stand for the T
    assertEquals(
        Instant.parse("2026-11-25T08:00:00Z"), BookingRules.time("2026-11-25T09:00", paris));
    assertEquals(
        Instant.parse("2026-07-01T07:00:00.5Z"), BookingRules.time("2026-07-01 09:00:00.5", paris));
  }

  @Test
  void aPlainDateOrAnythingElseIsRefusedWithTheFormatToSend() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    IllegalArgumentException date =
        assertThrows(IllegalArgumentException.class, () -> BookingRules.time("2026-11-25", paris));
    assertEquals(
        "a date alone is not enough: send an ISO-8601 date and time, e.g."
            + " 2026-01-31T09:00:00+01:00, or 2026-01-31T09:00 for Europe/Paris time",
        date.getMessage());
    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> BookingRules.time("tomorrow", paris));
    assertTrue(other.getMessage().startsWith("not a date and time: send an ISO-8601"));
  }

  @Test
  void bookingLongerThan31DaysIsRefused() {
    Map<String, String> problems =
        BookingRules.bookingTimes(NOW, NOW.plus(Duration.ofDays(31)).plusSeconds(1), NOW);
    assertEquals(Map.of("end", "a booking lasts at most 31 days; reserve instead"), problems);
  }

  @Test
  void bookingOfExactly31DaysIsAccepted() {
    assertTrue(BookingRules.bookingTimes(NOW, NOW.plus(Duration.ofDays(31)), NOW).isEmpty());
  }

  @Test
  void bookingStartingInThePastIsRefused() {
    assertEquals(
        "may not be in the past",
        BookingRules.bookingTimes(NOW.minusSeconds(1), NOW.plusSeconds(3600), NOW).get("start"));
  }

  @Test
  void bookingEndingBeforeItStartsIsRefused() {
    assertEquals(
        "must be after the start",
        BookingRules.bookingTimes(NOW.plusSeconds(60), NOW.plusSeconds(60), NOW).get("end"));
    assertEquals(
        "must be after the start",
        BookingRules.bookingTimes(NOW.plusSeconds(60), NOW, NOW).get("end"));
  }

  @Test
  void bookingWithoutEndIsRefused() {
    assertEquals("required", BookingRules.bookingTimes(NOW, null, NOW).get("end"));
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
