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

/**
 * The booking and reservation forms of a host, which say why instead when the host cannot be booked
 * (the desk's reason, {@code BookingDesk.unbookable}), and its page, which offers them only when it
 * can.
 */
class BookPageTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

  private static final String NO_BOOKABLE = "This host has no bookable: it cannot be booked.";
  private static final String RETIRED = "The host is retired, not active: it cannot be booked.";

  @Test
  void aHostWithoutABookableShowsWhyAndNoForm() {
    for (String template : FORMS) {
      String page = page(template, "active", null, NO_BOOKABLE);
      assertTrue(page.contains(NO_BOOKABLE), page);
      assertFalse(page.contains("name=\"first\""), page);
      assertTrue(page.contains("href=\"/hosts/7/\""), page);
    }
  }

  @Test
  void aHostWhoseBookableIsNotActiveShowsWhyWithItsCommentAndNoForm() {
    for (String template : FORMS) {
      String page =
          page(
              template,
              "active",
              new HostSheet.Bookable(3, "maintenance", "new disks", null),
              "The host's bookable is maintenance, not active: it cannot be booked.");
      assertTrue(
          page.contains(
              "The host's bookable is maintenance, not active: it cannot be booked.</strong>"
                  + " (<bdi>new disks</bdi>)"),
          page);
      assertFalse(page.contains("name=\"first\""), page);
      assertTrue(page.contains("href=\"/hosts/7/\""), page);
    }
  }

  /** The host's own status counts, not only its bookable's: no form, no Book button. */
  @Test
  void aHostThatIsNotActiveShowsWhyAndNoFormNorButtons() {
    HostSheet.Bookable active = new HostSheet.Bookable(3, "active", "", null);
    for (String template : FORMS) {
      String page = page(template, "retired", active, RETIRED);
      assertTrue(page.contains(RETIRED), page);
      assertFalse(page.contains("name=\"first\""), page);
    }
    String host = page("booking/host.jte", "retired", active, RETIRED);
    assertTrue(host.contains(RETIRED), host);
    assertFalse(host.contains("href=\"/hosts/7/book\""), host);
    assertFalse(host.contains("href=\"/hosts/7/reserve\""), host);
  }

  @Test
  void anActiveBookableShowsTheForm() {
    HostSheet.Bookable active = new HostSheet.Bookable(3, "active", "", null);
    for (String template : FORMS) {
      String page = page(template, "active", active, null);
      assertTrue(page.contains("name=\"first\""), page);
      assertFalse(page.contains("cannot be booked"), page);
    }
    String host = page("booking/host.jte", "active", active, null);
    assertTrue(host.contains("href=\"/hosts/7/book\""), host);
    assertTrue(host.contains("href=\"/hosts/7/reserve\""), host);
  }

  /** As the search, the start page and the reports write it: "[type] model". */
  @Test
  void theHostsHardwareReadsAsInTheSearch() {
    String host =
        page("booking/host.jte", "active", new HostSheet.Bookable(3, "active", "", null), null);
    assertTrue(host.contains("<dt>Hardware</dt><dd>[server] R640</dd>"), host);
  }

  /** Empty fields read as a dash (and "not set" to a screen reader), not as nothing. */
  @Test
  void emptyFieldsReadAsADashAndTheStatusAsInTheLists() {
    String host =
        page("booking/host.jte", "active", new HostSheet.Bookable(3, "active", "", null), null);
    String none =
        "<span class=\"cores-muted\" aria-hidden=\"true\">—</span>"
            + "<span class=\"cores-visually-hidden\">not set</span>";
    for (String field : List.of("Serial", "Asset", "Disks", "Owner", "Group")) {
      assertTrue(host.contains("<dt>" + field + "</dt><dd>" + none + "</dd>"), field + "\n" + host);
    }
    assertTrue(host.contains("<dd class=\"cores-pre-line\">" + none + "</dd>"), host);
    assertFalse(host.contains("status: active"), host);
    assertTrue(
        host.contains("<span class=\"cores-badge cores-badge--success\">active</span>"), host);
  }

  /** A status reads as the admin names it, not as stored: "on loan", not "on_loan". */
  @Test
  void theStatusReadsAsTheAdminNamesIt() {
    String host =
        page("booking/host.jte", "on_loan", new HostSheet.Bookable(3, "active", "", null), null);
    assertTrue(host.contains("<span class=\"cores-badge\">on loan</span>"), host);
    assertFalse(host.contains("on_loan"), host);
  }

  /** The lab reads as on the live pages and the reports ("B1/Lab One"), then the rack. */
  @Test
  void theLocationReadsAsOnTheLiveAndReportPages() {
    String host =
        page(
            "booking/host.jte",
            "active",
            new HostSheet.Bookable(3, "active", "", null),
            null,
            new HostSheet.Location("B1", "Lab One", 1));
    assertTrue(host.contains("<dt>Location</dt><dd><bdi>B1/Lab One</bdi>, rack 1</dd>"), host);
  }

  private static final List<String> FORMS = List.of("booking/book.jte", "booking/reserve.jte");

  private static String page(
      String template, String status, HostSheet.Bookable bookable, String unbookable) {
    return page(template, status, bookable, unbookable, new HostSheet.Location(null, null, null));
  }

  private static String page(
      String template,
      String status,
      HostSheet.Bookable bookable,
      String unbookable,
      HostSheet.Location location) {
    HostSheet host =
        new HostSheet(
            7,
            "node07",
            status,
            "192.0.2.7",
            null,
            "",
            "",
            "",
            "server",
            "R640",
            location,
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
        template,
        "node07",
        "/hosts/7/",
        new HostView(
            host,
            new Times(ZoneId.of("Europe/Zurich"), NOW),
            true,
            true,
            false,
            4,
            Form.of(Map.of("first", "2026-12-07", "last", "2026-12-07")),
            "token",
            unbookable));
  }
}
