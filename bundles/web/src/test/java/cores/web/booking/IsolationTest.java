package cores.web.booking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.booking.BookableResults;
import cores.api.booking.BookableRow;
import cores.api.booking.Hold;
import cores.api.booking.UserRef;
import cores.web.Flash;
import cores.web.Frame;
import cores.web.Rendered;
import cores.web.Times;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Typed text (a comment, a name) that holds direction controls or right-to-left script is isolated
 * where the start page shows it ({@code <bdi>}), so that it cannot reorder the words around it: the
 * message after a booking, and the cells of the bookings and quick-book tables.
 */
class IsolationTest {
  /** Right-to-left override: what follows it reads backwards up to the end of its isolate. */
  private static final String RLO = "\u202E";

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aBookingsMessageIsolatesTheHostsAndTheHoldersNames() {
    String page =
        home(
            List.of(
                Flash.Message.of(
                    "success", "Reserved ", "\u05E9\u05E8\u05EA-1", " for ", "Ann" + RLO, ".")),
            List.of(),
            List.of());
    assertTrue(
        page.contains(
            "role=\"status\">Reserved <bdi>\u05E9\u05E8\u05EA-1</bdi> for <bdi>Ann"
                + RLO
                + "</bdi>.</div>"),
        page);
  }

  @Test
  void aCommentAndTheNamesInTheTablesAreIsolated() {
    Hold hold =
        new Hold(
            Hold.Kind.BOOKING,
            7,
            3,
            5,
            "pg-1",
            "10.0.0.5",
            new UserRef(2, "ann", "Ann"),
            NOW.minus(Duration.ofHours(1)),
            NOW.plus(Duration.ofDays(1)),
            RLO + "evil comment",
            NOW.minus(Duration.ofHours(2)));
    BookableRow row =
        new BookableRow(
            3,
            6,
            "pg-2",
            "10.0.0.6",
            "HW" + RLO,
            List.of("NIC" + RLO, "GPU"),
            "B1",
            "Lab" + RLO,
            4,
            "active",
            NOW.plus(Duration.ofDays(1)),
            "Bob" + RLO,
            false);
    String page = home(List.of(), List.of(hold), List.of(row));
    assertTrue(
        page.contains(
            "<td data-label=\"Comment\" class=\"cores-wrap\"><bdi>"
                + RLO
                + "evil comment</bdi></td>"),
        page);
    assertTrue(page.contains("<a href=\"/hosts/5/\"><bdi>pg-1</bdi></a><br>"), page);
    assertTrue(page.contains("<td data-label=\"Hardware\"><bdi>HW" + RLO + "</bdi></td>"), page);
    assertTrue(
        page.contains("<td data-label=\"Cards\"><bdi>NIC" + RLO + "</bdi>, <bdi>GPU</bdi></td>"),
        page);
    assertTrue(page.contains("<bdi>B1/Lab" + RLO + "</bdi>, rack 4"), page);
    assertTrue(page.contains(" by <bdi>Bob" + RLO + "</bdi>"), page);
  }

  /** The quick-book table stacks on a phone as the bookings tables do, each cell with its label. */
  @Test
  void theQuickBookTableStacksWithALabelAtEachCell() {
    BookableRow row =
        new BookableRow(
            3,
            6,
            "pg-2",
            "10.0.0.6",
            "HW",
            List.of(),
            null,
            null,
            null,
            "active",
            null,
            null,
            false);
    String page = home(List.of(), List.of(), List.of(row));
    int quick = page.indexOf("id=\"quick-heading\"");
    String table = page.substring(page.indexOf("<table", quick), page.indexOf("</table>", quick));
    assertTrue(table.contains("class=\"cores-table cores-table--stack\""), table);
    for (String label : List.of("Host", "IP", "Hardware", "Cards", "Location", "State")) {
      assertTrue(table.contains("<td data-label=\"" + label + "\">"), label + " in " + table);
    }
    assertTrue(Rendered.count(table, "<td>") == 0, "every cell labelled: " + table);
  }

  private static String home(
      List<Flash.Message> messages, List<Hold> bookings, List<BookableRow> quick) {
    Frame frame = new Frame("Cores", "/", List.of(), "Ann", null, "", messages, "", "", "", "");
    Dashboard view =
        new Dashboard(
            new Times(ZoneOffset.UTC, NOW),
            "Ann",
            2,
            false,
            List.of(),
            new HomePage.Held(bookings, false),
            new HomePage.Held(List.of(), false),
            new BookableResults(quick.size(), quick),
            "");
    StringOutput out = new StringOutput();
    TemplateEngine.createPrecompiled(
            null, ContentType.Html, IsolationTest.class.getClassLoader(), "cores.web.jte")
        .render("booking/home.jte", Map.of("frame", frame, "view", view), out);
    return out.toString();
  }
}
