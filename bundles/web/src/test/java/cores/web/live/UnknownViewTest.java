package cores.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.live.Conflict;
import cores.api.live.LiveHosts;
import cores.api.live.UnknownDevices;
import cores.web.Frame;
import cores.web.Times;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The unknown devices by lab a page at a time, as the view groups and links them. */
class UnknownViewTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  /** 120 devices: lab A has 70 (0-69), lab B 40 (70-109), 10 in no lab (110-119). */
  private static final List<LiveHosts.LabCount> LABS =
      List.of(
          new LiveHosts.LabCount("B1/A", 70, 0),
          new LiveHosts.LabCount("B1/B", 40, 70),
          new LiveHosts.LabCount(null, 10, 110));

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
        new Actions(false, false, false, ""),
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
    UnknownView view = second();
    assertEquals("51–100 of 120", view.range());
    assertEquals("/live/unknown", view.previous());
    assertEquals("/live/unknown?offset=100", view.next());
    assertTrue(view.hasPrevious() && view.hasNext());
    assertEquals("/live/unknown#lab-1", view.href(LABS.get(0)), "A starts on the first page");
    assertEquals("#lab-2", view.href(LABS.get(1)), "B starts on this one");
    assertEquals("/live/unknown?offset=100#lab-3", view.href(LABS.get(2)));
    assertEquals("B1/A (continued)", view.heading("B1/A"));
    assertEquals("B1/B", view.heading("B1/B"));
  }

  @Test
  void thePageRendersItsRowsOnlyWithPlainLinksToTheOtherPages() {
    Frame frame =
        new Frame(
            "Unknown devices",
            "/live/unknown",
            List.of(),
            "viewer",
            null,
            "",
            List.of(),
            "",
            "",
            "",
            "");
    StringOutput out = new StringOutput();
    TemplateEngine.createPrecompiled(
            null, ContentType.Html, UnknownViewTest.class.getClassLoader(), "cores.web.jte")
        .render("live/unknown.jte", Map.of("frame", frame, "view", second()), out);
    String page = out.toString();
    Matcher rows = Pattern.compile("<code>00:1b:21:00:00:01</code>").matcher(page);
    int count = 0;
    while (rows.find()) {
      count++;
    }
    assertEquals(50, count, "one page of rows");
    assertTrue(page.contains("51–100 of 120"), page);
    assertTrue(page.contains("href=\"/live/unknown?offset=100\" rel=\"next\""), page);
    assertTrue(page.contains("href=\"/live/unknown\" rel=\"prev\""), page);
    assertTrue(page.contains("href=\"/live/unknown?offset=100#lab-3\""), page);
    assertTrue(page.contains("<h2 id=\"lab-1\">B1/A (continued)</h2>"), page);
  }
}
