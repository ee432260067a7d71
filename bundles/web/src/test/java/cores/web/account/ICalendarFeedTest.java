package cores.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.booking.Hold;
import cores.api.booking.UserRef;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The feed as biweekly writes it, read back by another library (ical4j). */
class ICalendarFeedTest {
  private static final UserRef ANN = new UserRef(7, "ann", "Ann Lee");
  private static final URI SITE = URI.create("https://cores.example.org");
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void anIndependentParserReadsEveryHoldWithHostTimesInUtcAndComment() throws Exception {
    Hold booking =
        new Hold(
            Hold.Kind.BOOKING,
            11,
            3,
            42,
            "lab-host-7",
            "10.0.0.7",
            ANN,
            Instant.parse("2026-12-02T23:00:00Z"),
            Instant.parse("2026-12-04T23:00:00Z"),
            "load tests; \"quoted\", with\nnew line",
            NOW);
    Hold reservation =
        new Hold(
            Hold.Kind.RESERVATION,
            5,
            4,
            43,
            "lab-host-8",
            "",
            ANN,
            Instant.parse("2026-12-10T00:00:00Z"),
            null,
            "",
            NOW);
    Calendar calendar =
        parse(ICalendarFeed.write("Ann Lee", List.of(booking, reservation), SITE, NOW));

    List<VEvent> events = calendar.getComponents("VEVENT");
    assertEquals(2, events.size());
    VEvent first = events.get(0);
    assertEquals("Booked: lab-host-7", value(first, Property.SUMMARY));
    assertEquals("booking-11@cores.example.org", value(first, Property.UID));
    assertEquals("20261202T230000Z", value(first, Property.DTSTART));
    assertEquals("20261204T230000Z", value(first, Property.DTEND));
    assertEquals(
        Instant.parse("2026-12-02T23:00:00Z"), instant(first.getDateTimeStart().getDate()));
    assertEquals("load tests; \"quoted\", with\nnew line", value(first, Property.DESCRIPTION));
    assertEquals("https://cores.example.org/hosts/42/", value(first, Property.URL));
    assertEquals("lab-host-7 (10.0.0.7)", value(first, Property.LOCATION));

    VEvent second = events.get(1);
    assertEquals("Reserved: lab-host-8", value(second, Property.SUMMARY));
    assertEquals("20261210T000000Z", value(second, Property.DTSTART));
    assertTrue(second.getProperty(Property.DTEND).isEmpty());
    assertTrue(value(second, Property.DESCRIPTION).startsWith("Reservation"));
    assertEquals(
        "Cores: Ann Lee", calendar.getProperty("X-WR-CALNAME").map(Property::getValue).orElse(""));
  }

  @Test
  void noHoldsIsAValidEmptyCalendar() throws Exception {
    Calendar calendar = parse(ICalendarFeed.write("<b>x</b>", List.of(), SITE, NOW));
    assertEquals(0, calendar.getComponents("VEVENT").size());
    assertEquals(
        "-//Cores//Lab bookings//EN",
        calendar.getProperty(Property.PRODID).orElseThrow().getValue());
  }

  private static Calendar parse(String text) throws Exception {
    assertTrue(text.startsWith("BEGIN:VCALENDAR\r\n"), text);
    return new CalendarBuilder().build(new StringReader(text));
  }

  private static String value(VEvent event, String name) {
    Optional<Property> property = event.getProperty(name);
    return property.map(Property::getValue).orElseThrow(() -> new AssertionError("no " + name));
  }

  private static Instant instant(Temporal time) {
    return time instanceof Instant i ? i : ZonedDateTime.from(time).toInstant();
  }
}
