package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk.Rows;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A list's times say their zone once, in the heading of each time column, where all of them are in
 * one zone (the site's): a long zone name in every cell made each time three lines. Times in
 * different zones keep theirs in their cells.
 */
class TimeCellsTest {
  private static final String ZONE = "America/Argentina/Buenos_Aires";

  private static final AdminModel RESERVATION =
      new AdminModel(
          "booking",
          "reservation",
          "Reservations",
          List.of(
              new AdminField("bookable", "text", true, true, List.of(), null),
              new AdminField("start", "time", true, true, List.of(), null),
              new AdminField("end", "time", false, true, List.of(), null)),
          List.of("bookable", "start", "end"),
          List.of(),
          "bookable",
          Map.of(),
          List.of());

  /** A scan session's list: its first column, the one that links to the object, a time. */
  private static final AdminModel SESSION =
      new AdminModel(
          "live",
          "scansession",
          "Scan sessions",
          List.of(
              new AdminField("timestamp", "time", true, true, List.of(), null),
              new AdminField("agent", "text", true, true, List.of(), null)),
          List.of("timestamp", "agent"),
          List.of(),
          "agent",
          Map.of(),
          List.of());

  private static String table(String firstZone, String secondZone) {
    return table(RESERVATION, firstZone, secondZone);
  }

  private static String table(AdminModel model, String firstZone, String secondZone) {
    Rows rows =
        new Rows(
            2,
            List.of(
                Map.of(
                    "id",
                    "7",
                    "bookable",
                    "web01",
                    "start",
                    "2026-12-06 18:00:00 " + firstZone,
                    "end",
                    "",
                    "timestamp",
                    "2026-12-05 07:30:00 " + firstZone,
                    "agent",
                    "scanner"),
                Map.of(
                    "id",
                    "8",
                    "bookable",
                    "web02",
                    "start",
                    "2026-12-07 09:00:00 " + secondZone,
                    "end",
                    "2026-12-08 00:00:00 " + secondZone,
                    "timestamp",
                    "2026-12-06 08:00:00 " + secondZone,
                    "agent",
                    "scanner")));
    Views.ListPage view =
        new Views.ListPage(
            new Views.Allowed(model, true, true, true, false, Set.of()),
            "csrf",
            rows,
            "",
            List.of(),
            "",
            1,
            1,
            Map.of(),
            null,
            List.of(),
            null);
    return new ListTable(new Templates()).filled(view).table();
  }

  @Test
  void theZoneAllTimesShareIsSaidOnceInTheTimeColumnsHeadings() {
    String html = table(ZONE, ZONE);
    String heading =
        "<span class=\"cores-when-zone\">America/<wbr>Argentina/<wbr>Buenos_Aires<wbr></span></th>";
    assertTrue(html.contains(">Start</a> " + heading), html);
    assertTrue(html.contains(">End</a> " + heading), html);
    assertFalse(html.contains(">Bookable</a> <span"), html);
    assertTrue(html.contains("<td class=\"cores-when\">2026-12-06 18:00:00</td>"), html);
    assertTrue(html.contains("<td class=\"cores-when\">2026-12-08 00:00:00</td>"), html);
    assertEquals(-1, html.indexOf("Buenos_Aires</span></td>"), html);
  }

  @Test
  void timesInDifferentZonesKeepTheirsInTheirCells() {
    String html = table(ZONE, "UTC");
    assertFalse(html.contains("cores-when-zone"), html);
    assertTrue(
        html.contains("<td class=\"cores-when\">2026-12-06 18:00:00 <span>" + ZONE + "</span>"),
        html);
    assertTrue(
        html.contains("<td class=\"cores-when\">2026-12-07 09:00:00 <span>UTC</span>"), html);
  }

  @Test
  void aTimeInTheFirstColumnLinksToTheObjectWithoutTheZoneItsHeadingSays() {
    String html = table(SESSION, ZONE, ZONE);
    assertTrue(html.contains(">Timestamp</a> <span class=\"cores-when-zone\">America/"), html);
    assertTrue(
        html.contains(
            "<td class=\"cores-when\"><a href=\"/admin/live/scansession/7\">2026-12-05 07:30:00"
                + "</a></td>"),
        html);
    assertEquals(-1, html.indexOf("Buenos_Aires</a>"), html);
  }

  @Test
  void aTimeInTheFirstColumnKeepsItsZoneWhereTheTimesDiffer() {
    String html = table(SESSION, ZONE, "UTC");
    assertFalse(html.contains("cores-when-zone"), html);
    assertTrue(
        html.contains(
            "<a href=\"/admin/live/scansession/8\">2026-12-06 08:00:00 <span>UTC</span></a>"),
        html);
  }
}
