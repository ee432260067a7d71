package cores.web.booking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.booking.HostSheet;
import cores.web.Form;
import cores.web.Rendered;
import cores.web.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The booking form of a host, which says why instead when the host cannot be booked. */
class BookPageTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  @Test
  void aHostWithoutABookableShowsWhyAndNoForm() {
    String page = page(null);
    assertTrue(page.contains("This host has no bookable: it cannot be booked."), page);
    assertFalse(page.contains("name=\"first\""), page);
    assertTrue(page.contains("href=\"/hosts/7/\""), page);
  }

  @Test
  void aHostWhoseBookableIsNotActiveShowsItsStatusAndNoForm() {
    String page = page(new HostSheet.Bookable(3, "maintenance", "new disks", null));
    assertTrue(page.contains("Its booking status is maintenance: new disks."), page);
    assertFalse(page.contains("name=\"first\""), page);
    assertTrue(page.contains("href=\"/hosts/7/\""), page);
  }

  @Test
  void anActiveBookableShowsTheForm() {
    String page = page(new HostSheet.Bookable(3, "active", "", null));
    assertTrue(page.contains("name=\"first\""), page);
    assertFalse(page.contains("cannot be booked"), page);
  }

  private static String page(HostSheet.Bookable bookable) {
    HostSheet host =
        new HostSheet(
            7,
            "node07",
            "active",
            "192.0.2.7",
            null,
            "",
            "",
            "",
            "",
            "",
            new HostSheet.Location(null, null, null),
            null,
            "",
            "",
            false,
            null,
            List.of(),
            List.of(),
            bookable,
            List.of(),
            List.of());
    return Rendered.page(
        "booking/book.jte",
        "Book node07",
        "/hosts/7/book",
        new HostView(
            host,
            new Times(ZoneId.of("Europe/Zurich"), NOW),
            true,
            false,
            false,
            4,
            Form.of(Map.of("first", "2026-12-07", "last", "2026-12-07")),
            "token"));
  }
}
