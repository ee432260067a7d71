package cores.web.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.live.LiveDashboard;
import cores.api.live.OfflineHost;
import cores.api.web.Visitor;
import cores.web.Rendered;
import cores.web.Times;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard page as its template renders it for visitors of different permissions. */
class DashViewTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static Visitor visitor(String... permissions) {
    User user =
        new User(
            1, "lt_viewer", "", "", "", true, false, false, Set.of(), Set.of(permissions), null);
    return Visitor.of(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return user;
          }

          @Override
          public boolean isUserInRole(String role) {
            return false;
          }

          @Override
          public boolean isSecure() {
            return true;
          }

          @Override
          public String getAuthenticationScheme() {
            return "test";
          }
        });
  }

  /**
   * The dashboard page with one open offline warning, its host (offline-host-7) read or (null) not
   * read by the desk for this visitor.
   */
  private static String page(Visitor visitor, List<OfflineHost> offlineHosts) {
    LiveDashboard dashboard = new LiveDashboard(null, 0, 0, 0, 1, 0, List.of(), offlineHosts);
    DashView view = DashView.of(dashboard, visitor, new Times(ZoneOffset.UTC, NOW), 200);
    return Rendered.page("live/dash.jte", "Live dashboard", "/live/dash", view);
  }

  @Test
  void theOfflineHostsAreShownOnlyWhenTheDeskReadThemForTheVisitor() {
    Visitor visitor = visitor(Permissions.VIEW_SCANCONFLICT);
    String conflictsOnly = page(visitor, null);
    assertTrue(conflictsOnly.contains("nic-heading"), "the page itself is shown");
    assertFalse(conflictsOnly.contains("offline-heading"), conflictsOnly);

    OfflineHost offline =
        new OfflineHost(
            7, 70, "offline-host-7", "B1/lab1", NOW.minusSeconds(3 * 86400), NOW, "new");
    String both = page(visitor, List.of(offline));
    assertTrue(both.contains("offline-heading"), both);
    assertTrue(both.contains("offline-host-7"), both);
  }

  /**
   * Before any scan no host has been seen anywhere: the empty sections say what is absent (no
   * conflict, no warning) rather than that every host was seen.
   */
  @Test
  void emptySectionsDoNotClaimThatHostsWereSeen() {
    String page = page(visitor(Permissions.VIEW_SCANCONFLICT), List.of());
    assertTrue(page.contains("No host was seen outside its rack's lab."), page);
    assertTrue(
        page.contains(
            "No active host is flagged offline (unseen for 48 hours, checked every night)."),
        page);
    assertFalse(page.contains("was seen where its rack is"), page);
    assertFalse(page.contains("was seen in the last 48 hours"), page);
  }
}
