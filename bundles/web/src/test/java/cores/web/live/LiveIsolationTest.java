package cores.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Permissions;
import cores.api.live.Conflict;
import cores.api.live.Lab;
import cores.api.live.LabHosts;
import cores.api.live.LiveDashboard;
import cores.api.live.LiveHost;
import cores.api.live.LiveHosts;
import cores.api.live.OfflineHost;
import cores.web.Flash;
import cores.web.Form;
import cores.web.Rendered;
import cores.web.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Typed names (hostnames, lab names, NIC models, agents, reasons) that hold direction controls or
 * right-to-left script are isolated where the live pages show them ({@code <bdi>}), as on the
 * user's pages, and so is a hostname in the message after a conflict's action.
 */
class LiveIsolationTest {
  /** Right-to-left override: what follows it reads backwards up to the end of its isolate. */
  private static final String RLO = "\u202E";

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  private static Conflict conflict(long id, Conflict.Kind kind) {
    return new Conflict(
        id,
        kind,
        "new",
        "02:00:00:00:00:0" + id,
        "10.0.0." + id,
        null,
        11L,
        "NIC" + RLO,
        "10.0.1.1",
        5L,
        "web" + RLO,
        "3 in B1/A" + RLO,
        2L,
        "B2/Lab" + RLO,
        NOW,
        NOW,
        NOW,
        "agent" + RLO);
  }

  @Test
  void theDashboardIsolatesHostnamesLabsModelsAndAgents() {
    OfflineHost offline = new OfflineHost(7, 70, "off" + RLO, "B1/lab" + RLO, NOW, NOW, "new");
    LiveDashboard dashboard =
        new LiveDashboard(
            new LiveDashboard.Scan(1, NOW, "scanner" + RLO),
            1,
            1,
            1,
            1,
            3,
            List.of(
                conflict(1, Conflict.Kind.NIC),
                conflict(2, Conflict.Kind.LOCATION),
                conflict(3, Conflict.Kind.UNKNOWN)),
            List.of(offline));
    DashView view =
        DashView.of(
            dashboard,
            DashViewTest.visitor(
                Permissions.VIEW_SCANCONFLICT,
                Permissions.CHANGE_SCANCONFLICT,
                Permissions.CHANGE_OFFLINEHOSTWARNING),
            new Times(ZoneOffset.UTC, NOW),
            200);
    // the message after accepting the NIC conflict's IP, as the next page shows it
    Flash.Message accepted = ConflictPages.done("accept", conflict(1, Conflict.Kind.NIC));
    String page =
        Rendered.page("live/dash.jte", "Live dashboard", "/live/dash", view, List.of(accepted));
    assertTrue(
        page.contains(
            "role=\"status\">NIC 02:00:00:00:00:01 of <bdi>web"
                + RLO
                + "</bdi> now has the IP 10.0.0.1.</div>"),
        page);
    assertTrue(page.contains(" by <bdi>scanner" + RLO + "</bdi></span>"), page);
    assertTrue(page.contains("<a href=\"/hosts/5/\"><bdi>web" + RLO + "</bdi></a>"), page);
    assertTrue(page.contains("<bdi>NIC" + RLO + "</bdi>"), page);
    assertTrue(page.contains("<td><bdi>3 in B1/A" + RLO + "</bdi></td>"), page);
    assertTrue(page.contains("<td><bdi>B2/Lab" + RLO + "</bdi></td>"), page);
    assertTrue(page.contains("by <bdi>agent" + RLO + "</bdi>, first"), page);
    assertTrue(page.contains("<a href=\"/hosts/70/\"><bdi>off" + RLO + "</bdi></a>"), page);
    assertTrue(page.contains("<td><bdi>B1/lab" + RLO + "</bdi></td>"), page);
    assertTrue(page.contains("offline warning of <bdi>off" + RLO + "</bdi></span>"), page);
    assertTrue(page.contains(" of <bdi>web" + RLO + "</bdi></span>"), page);
  }

  /** Every message of a conflict's action carries its hostname as typed text, not as words. */
  @Test
  void aConflictsMessageCarriesItsHostnameAsTypedText() {
    Flash.Piece host = new Flash.Piece("web" + RLO, true);
    for (String action : List.of("accept", "resolve", "ignore")) {
      Conflict.Kind kind = "accept".equals(action) ? Conflict.Kind.NIC : Conflict.Kind.LOCATION;
      Flash.Message message = ConflictPages.done(action, conflict(2, kind));
      assertTrue(message.pieces().contains(host), action + ": " + message.pieces());
    }
    assertEquals(
        "Marked the NIC conflict of 02:00:00:00:00:01 (web" + RLO + ") resolved.",
        ConflictPages.done("resolve", conflict(1, Conflict.Kind.NIC)).text());
    assertEquals(
        "Ignoring the unknown device 02:00:00:00:00:03 at 10.0.0.3.",
        ConflictPages.done("ignore", conflict(3, Conflict.Kind.UNKNOWN)).text());
  }

  @Test
  void theHostsByLabIsolateLabNamesHostnamesAndHardware() {
    LiveHost host =
        new LiveHost(
            5L, "web" + RLO, "02:00:00:00:00:01", "10.0.0.1", "HW" + RLO, NOW, "active", null);
    String lab = "B1/A" + RLO;
    HostsView view =
        new HostsView(
            new LiveHosts(
                1,
                0,
                List.of(new LiveHosts.LabCount(lab, 1, 0)),
                List.of(new LabHosts(lab, List.of(host)))),
            new Times(ZoneOffset.UTC, NOW),
            50);
    String page = Rendered.page("live/hosts.jte", "Hosts by lab", "/live/hosts", view);
    assertTrue(page.contains("<a href=\"#lab-1\"><bdi>" + lab + "</bdi></a>"), page);
    assertTrue(page.contains("<h2 id=\"lab-1\"><bdi>" + lab + "</bdi></h2>"), page);
    assertTrue(page.contains("<a href=\"/hosts/5/\"><bdi>web" + RLO + "</bdi></a>"), page);
    assertTrue(page.contains("<td><bdi>HW" + RLO + "</bdi></td>"), page);
  }

  @Test
  void theLocationFormIsolatesTheHostItsRackAndTheLabs() {
    LocationView view =
        new LocationView(
            conflict(2, Conflict.Kind.LOCATION),
            List.of(new Lab(2, "Lab" + RLO, null, List.of(0, 3))),
            Form.of(Map.of()),
            new Times(ZoneOffset.UTC, NOW),
            "token",
            "/live/dash");
    String page = Rendered.page("live/location.jte", "Fix the location", "/live/dash", view);
    assertTrue(
        page.contains(
            "<bdi>web"
                + RLO
                + "</bdi></a> is in rack <bdi>3 in B1/A"
                + RLO
                + "</bdi>, but the scan saw it at <code>10.0.0.2</code>, in <bdi>B2/Lab"
                + RLO
                + "</bdi>. Where is it now?"),
        page);
    assertTrue(page.contains("Move <bdi>web" + RLO + "</bdi></button>"), page);
    assertTrue(page.contains("<dt><bdi>Lab" + RLO + "</bdi></dt>"), page);
  }
}
