package cores.domain.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
import cores.api.booking.UserRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 27);

  @Test
  void theStripShowsFourteenDaysFromTodayInTheSitesZone() {
    List<HostSheet.Day> days = Availability.days(List.of(), TODAY, BERLIN);
    assertEquals(14, days.size());
    assertEquals(TODAY, days.get(0).date());
    assertEquals(TODAY.plusDays(13), days.get(13).date());
    days.forEach(d -> assertEquals(HostSheet.State.FREE, d.state()));
  }

  @Test
  void aDayCoveredByBookingsIsBookedAndOneTouchedIsPartlyBooked() {
    // two back-to-back bookings cover the 28th (Berlin) whole; the 29th loses an hour to summer
    // time
    Hold morning = booking(at("2026-03-27T23:00:00Z"), at("2026-03-28T11:00:00Z"));
    Hold rest = booking(at("2026-03-28T11:00:00Z"), at("2026-03-28T23:00:00Z"));
    Hold evening = booking(at("2026-03-29T18:00:00Z"), at("2026-03-29T20:00:00Z"));
    List<HostSheet.Day> days = Availability.days(List.of(rest, evening, morning), TODAY, BERLIN);
    assertEquals(HostSheet.State.FREE, days.get(0).state());
    assertEquals(HostSheet.State.BOOKED, days.get(1).state());
    assertEquals(HostSheet.State.PARTLY_BOOKED, days.get(2).state());
    assertEquals(HostSheet.State.FREE, days.get(3).state());
  }

  @Test
  void anOpenEndedReservationReservesEveryDayFromItsStart() {
    Hold reservation =
        new Hold(
            Hold.Kind.RESERVATION,
            1,
            1,
            1,
            "h",
            null,
            new UserRef(1, "u", "U"),
            at("2026-04-01T10:00:00Z"),
            null,
            "",
            at("2026-03-01T00:00:00Z"));
    List<HostSheet.Day> days = Availability.days(List.of(reservation), TODAY, BERLIN);
    assertEquals(HostSheet.State.FREE, days.get(4).state());
    assertEquals(HostSheet.State.RESERVED, days.get(5).state());
    assertEquals(HostSheet.State.RESERVED, days.get(13).state());
  }

  private static Hold booking(Instant start, Instant end) {
    return new Hold(
        Hold.Kind.BOOKING, 1, 1, 1, "h", null, new UserRef(1, "u", "U"), start, end, "", start);
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }
}
