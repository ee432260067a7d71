package cores.web.live;

import static cores.web.live.LabPageChecks.LABS;
import static cores.web.live.LabPageChecks.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.live.Conflict;
import cores.api.live.IgnoredMac;
import cores.api.live.UnknownDevices;
import cores.web.Rendered;
import cores.web.Times;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unknown devices by lab a page at a time, as the view groups and links them. */
class UnknownViewTest {
  private static Conflict device(long id, String location) {
    return new Conflict(
        id,
        Conflict.Kind.UNKNOWN,
        "new",
        "00:1b:21:00:00:01",
        "10.0.0." + id,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        location,
        NOW,
        NOW,
        NOW,
        "agent");
  }

  private static List<Conflict> devices(String location, int n) {
    List<Conflict> devices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      devices.add(device(i, location));
    }
    return devices;
  }

  private static UnknownView view(long offset, List<Conflict> page) {
    return new UnknownView(
        new UnknownDevices(120, offset, LABS, page),
        List.of(),
        new Times(ZoneOffset.UTC, NOW),
        new Actions(true, false, true, ""),
        50);
  }

  /** The second page: A's last 20, B's first 30. */
  private static UnknownView second() {
    List<Conflict> page = new ArrayList<>(devices("B1/A", 20));
    page.addAll(devices("B1/B", 30));
    return view(50, page);
  }

  @Test
  void devicesAreGroupedByTheirLabInTheListsOrderThoseInNoLabAsNoLab() {
    List<Conflict> page = new ArrayList<>(devices("B1/B", 10));
    page.addAll(devices(null, 10));
    UnknownView last = view(100, page);
    List<UnknownView.Group> groups = last.groups();
    assertEquals(
        java.util.Arrays.asList("B1/B", null),
        groups.stream().map(UnknownView.Group::location).toList());
    assertEquals(10, groups.get(1).devices().size());
    assertEquals("B1/B (continued)", last.heading("B1/B"));
    assertEquals("No lab", last.heading(null));
    assertFalse(last.hasNext());
  }

  @Test
  void aPageLinksItsNeighboursAndEachLabToThePageWhereItStarts() {
    LabPageChecks.assertSecondPageLinks(second());
  }

  @Test
  void thePageRendersItsRowsOnlyWithPlainLinksToTheOtherPages() {
    LabPageChecks.assertSecondPageRendered(
        "live/unknown.jte", "Unknown devices", second(), "<code>00:1b:21:00:00:01</code>");
  }

  @Test
  void addingANicComesBackToThePageItWasAddedFrom() {
    String page =
        LabPageChecks.assertSecondPageRendered(
            "live/unknown.jte", "Unknown devices", second(), "<code>00:1b:21:00:00:01</code>");
    assertEquals(
        50, Rendered.count(page, "/nic?back=%2Flive%2Funknown%3Foffset%3D50\""), "each Add NIC");
    String first =
        Rendered.page(
            "live/unknown.jte", "Unknown devices", "/live/unknown", view(0, devices("B1/A", 50)));
    assertEquals(50, Rendered.count(first, "/nic?back=%2Flive%2Funknown\""));
    assertEquals("/live/unknown?offset=50", ConflictPages.back("/live/unknown?offset=50"));
    assertEquals("/live/unknown", ConflictPages.back("/live/unknown"));
    for (String elsewhere :
        java.util.Arrays.asList(
            null, "", "/live/unknown?offset=5&x=1", "/live/unknown?offset=0", "//evil.example")) {
      assertEquals("/live/dash", ConflictPages.back(elsewhere), elsewhere);
    }
  }

  @Test
  void stoppingToIgnoreAMacComesBackToThePageItWasSentFrom() {
    List<Conflict> page = new ArrayList<>(devices("B1/A", 20));
    page.addAll(devices("B1/B", 30));
    UnknownView second =
        new UnknownView(
            new UnknownDevices(120, 50, LABS, page),
            List.of(new IgnoredMac(7, "00:1b:21:00:00:99", "printer", NOW)),
            new Times(ZoneOffset.UTC, NOW),
            new Actions(true, false, true, ""),
            50);
    String rendered = Rendered.page("live/unknown.jte", "Unknown devices", second.path(), second);
    assertTrue(
        rendered.matches(
            "(?s).*action=\"/live/ignoredmacs/7/remove\"[^>]*>\\s*(<input[^>]*>\\s*)*"
                + "<input type=\"hidden\" name=\"back\" value=\"/live/unknown\\?offset=50\">.*"),
        rendered);
  }
}
