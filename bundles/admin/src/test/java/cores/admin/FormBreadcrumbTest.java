package cores.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A change form's breadcrumb ends with the object, as Django's admin and the history page's do, and
 * its links to the object's other pages carry the list as it was left.
 */
class FormBreadcrumbTest {
  private static final AdminModel HOST = TestModels.host(Map.of());

  private static String page(long id, String object, String filters) {
    return new Templates()
        .render(
            "form.jte",
            new Views.FormPage(
                new Views.Allowed(HOST, true, true, true, Set.of()),
                "csrf",
                id,
                id == 0 ? "Add host" : "Change host " + object,
                new Form(Map.of("hostname", object)),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                SiteZone.of(ZoneId.of("UTC")),
                null,
                filters,
                object));
  }

  @Test
  void theBreadcrumbNamesTheObjectAfterItsList() {
    String html = page(7, "web<01>", "q=web");
    assertTrue(
        html.contains(
            "<a href=\"/admin\">Admin</a> &rsaquo; <a href=\"/admin/inventory/host?q=web\">Hosts</a>"
                + " &rsaquo; web&lt;01&gt;</p></nav>"),
        html);
  }

  @Test
  void aNewObjectsBreadcrumbSaysItIsAdded() {
    String html = page(0, "", "");
    assertTrue(
        html.contains("<a href=\"/admin/inventory/host\">Hosts</a> &rsaquo; Add host</p></nav>"),
        html);
  }

  @Test
  void historyAndDeleteCarryTheListAsItWasLeft() {
    String html = page(7, "web01", "q=web&sort=-hostname");
    String kept = "?_changelist_filters=q%3Dweb%26sort%3D-hostname";
    assertTrue(html.contains("href=\"/admin/inventory/host/7/history" + kept + "\""), html);
    assertTrue(html.contains("href=\"/admin/inventory/host/7/delete" + kept + "\""), html);
  }
}
