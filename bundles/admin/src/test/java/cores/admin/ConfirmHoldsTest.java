package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An action taking bookables out of active lists the bookings and reservations ahead; on every host
 * of a large lab that was tens of thousands of rows, a page of megabytes that took seconds.
 */
class ConfirmHoldsTest {
  private static final AdminModel HOST = TestModels.host(Map.of("suspend", "Suspend (bookable)"));

  private static String page(int holds) {
    List<AdminDesk.Hold> ahead = new ArrayList<>();
    for (int i = 1; i <= holds; i++) {
      Instant start = Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * i);
      ahead.add(
          new AdminDesk.Hold("booking", i, "web" + i, "owner" + i, start, start.plusSeconds(60)));
    }
    return new Templates()
        .render(
            "confirm.jte",
            new ConfirmPage(
                new Views.Allowed(HOST, true, true, true, true, Set.of("suspend")),
                "csrf",
                "Suspend (bookable) for these hosts?",
                "/admin/inventory/host",
                "suspend",
                "Yes, do it",
                Map.of(7L, "web01", 8L, "web02"),
                List.of(7L, 8L),
                List.of(),
                List.of(),
                ahead,
                List.of(),
                SiteZone.of(ZoneId.of("UTC")),
                List.of(),
                ""));
  }

  private static int rows(String html) {
    String table = html.substring(html.indexOf("id=\"holds\""));
    return table.substring(0, table.indexOf("</table>")).split("<tr>", -1).length - 2;
  }

  @Test
  void aFewAreAllListed() {
    String html = page(3);
    assertEquals(3, rows(html), html);
    assertTrue(!html.contains("holds-count"), html);
  }

  @Test
  void manyAreCountedAndTheFirstHundredListed() {
    String html = page(30_000);
    assertEquals(100, rows(html));
    assertTrue(
        html.contains("30000 bookings and reservations are ahead; the first 100 are listed."),
        html.substring(0, 3000));
    assertTrue(html.contains("owner100<"), "the hundredth");
    assertTrue(!html.contains("owner101<"), "not the next");
  }
}
