package cores.web.live;

import static cores.web.live.LabPageChecks.LABS;
import static cores.web.live.LabPageChecks.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.live.LabHosts;
import cores.api.live.LiveHost;
import cores.api.live.LiveHosts;
import cores.web.Rendered;
import cores.web.Times;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hosts by lab a page at a time, as the view links and the template renders it. */
class HostsViewTest {
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
    LabPageChecks.assertSecondPageLinks(view);
    assertEquals("B1/A (continued)", view.heading(view.hosts().page().get(0)));

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
    LabPageChecks.assertSecondPageRendered(
        "live/hosts.jte", "Hosts by lab", second(), "<code>02:00:00:00:00:01</code>");
  }

  /** A host's status reads as the admin and the host's page name it: "on loan". */
  @Test
  void aHostsStatusReadsAsTheAdminNamesIt() {
    LiveHost lent =
        new LiveHost(7L, "node07", null, "10.0.0.7", "R640", NOW, "on_loan", "suspended");
    HostsView view =
        new HostsView(
            new LiveHosts(1, 0, LABS, List.of(new LabHosts("B1/A", List.of(lent)))),
            new Times(ZoneOffset.UTC, NOW),
            50);
    String page = Rendered.page("live/hosts.jte", "Hosts by lab", "/live/hosts", view);
    assertTrue(page.contains("<span class=\"cores-badge\">on loan</span>"), page);
    assertFalse(page.contains("on_loan"), page);
  }

  /** Live in the navigation leads to /live/, which answers with the hosts: the first tab. */
  @Test
  void theFirstTabIsWhereTheNavigationLeads() {
    String page = Rendered.page("live/hosts.jte", "Hosts by lab", "/live/hosts", second());
    int first = page.indexOf("href=\"", page.indexOf("class=\"cores-tabs\"")) + 6;
    assertEquals("/live/hosts", page.substring(first, page.indexOf('"', first)));
  }
}
