package cores.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.live.LabHosts;
import cores.api.live.LiveHost;
import cores.api.live.LiveHosts;
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

/** The hosts by lab a page at a time, as the view links and the template renders it. */
class HostsViewTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  /** 120 devices: lab A has 70 (0-69), lab B 40 (70-109), 10 in no lab (110-119). */
  private static final List<LiveHosts.LabCount> LABS =
      List.of(
          new LiveHosts.LabCount("B1/A", 70, 0),
          new LiveHosts.LabCount("B1/B", 40, 70),
          new LiveHosts.LabCount(null, 10, 110));

  private static LabHosts lab(String location, int devices) {
    List<LiveHost> hosts = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      hosts.add(
          new LiveHost(null, null, "02:00:00:00:00:01", "10.0.0.1", null, NOW, "unknown vm", null));
    }
    return new LabHosts(location, hosts);
  }

  /** The second page: A's last 20, B's first 30. */
  private static HostsView second() {
    LiveHosts page = new LiveHosts(120, 50, LABS, List.of(lab("B1/A", 20), lab("B1/B", 30)));
    return new HostsView(page, new Times(ZoneOffset.UTC, NOW), 50);
  }

  @Test
  void aPageLinksItsNeighboursAndEachLabToThePageWhereItStarts() {
    HostsView view = second();
    assertEquals("51–100 of 120", view.range());
    assertEquals("/live/hosts", view.previous());
    assertEquals("/live/hosts?offset=100", view.next());
    assertTrue(view.hasPrevious() && view.hasNext());
    assertEquals("/live/hosts#lab-1", view.href(LABS.get(0)), "A starts on the first page");
    assertEquals("#lab-2", view.href(LABS.get(1)), "B starts on this one");
    assertEquals("/live/hosts?offset=100#lab-3", view.href(LABS.get(2)));
    assertEquals("B1/A (continued)", view.heading(view.hosts().page().get(0)));
    assertEquals("B1/B", view.heading(view.hosts().page().get(1)));

    HostsView last =
        new HostsView(
            new LiveHosts(120, 100, LABS, List.of(lab("B1/B", 10), lab(null, 10))),
            new Times(ZoneOffset.UTC, NOW),
            50);
    assertFalse(last.hasNext());
    assertEquals("No lab", last.heading(last.hosts().page().get(1)));
  }

  @Test
  void thePageRendersItsRowsOnlyWithPlainLinksToTheOtherPages() {
    Frame frame =
        new Frame(
            "Hosts by lab",
            "/live/hosts",
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
            null, ContentType.Html, HostsViewTest.class.getClassLoader(), "cores.web.jte")
        .render("live/hosts.jte", Map.of("frame", frame, "view", second()), out);
    String page = out.toString();
    Matcher rows = Pattern.compile("<code>02:00:00:00:00:01</code>").matcher(page);
    int count = 0;
    while (rows.find()) {
      count++;
    }
    assertEquals(50, count, "one page of rows");
    assertTrue(page.contains("51–100 of 120"), page);
    assertTrue(page.contains("href=\"/live/hosts?offset=100\" rel=\"next\""), page);
    assertTrue(page.contains("href=\"/live/hosts\" rel=\"prev\""), page);
    assertTrue(page.contains("href=\"/live/hosts?offset=100#lab-3\""), page);
  }
}
