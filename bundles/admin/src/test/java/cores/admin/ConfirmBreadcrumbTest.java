package cores.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A confirmation's breadcrumb says what is confirmed, as Django's admin: the one object by its
 * name, linked to its page with the list as it was left ("Admin › Hosts › web01 › Delete"), or how
 * many.
 */
class ConfirmBreadcrumbTest {
  private static final AdminModel HOST = TestModels.host(Map.of("suspend", "Suspend (bookable)"));

  private static String page(boolean view, Map<Long, String> objects, String action) {
    return new Templates()
        .render(
            "confirm.jte",
            new ConfirmPage(
                new Views.Allowed(HOST, view, true, true, true, Set.of("suspend")),
                "csrf",
                "Delete?",
                "/admin/inventory/host/delete",
                action,
                "Yes, delete",
                objects,
                List.copyOf(objects.keySet()),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                SiteZone.of(ZoneId.of("UTC")),
                List.of(),
                "q=web"));
  }

  @Test
  void theOneObjectDeletedIsNamedAndLinkedWithTheListAsItWasLeft() {
    String html = page(true, Map.of(7L, "web<01>"), null);
    assertTrue(
        html.contains(
            "<a href=\"/admin\">Admin</a> &rsaquo; <a href=\"/admin/inventory\">Inventory</a> &rsaquo;"
                + " <a href=\"/admin/inventory/host?q=web\">Hosts</a>"
                + " &rsaquo; <a href=\"/admin/inventory/host/7?_changelist_filters=q%3Dweb\">"
                + "web&lt;01&gt;</a> &rsaquo; Delete</p></nav>"),
        html);
  }

  @Test
  void anActionOnOneObjectNamesItAndTheActionAndSeveralAreCounted() {
    String one = page(true, Map.of(7L, "web01"), "suspend");
    assertTrue(one.contains("web01</a> &rsaquo; Suspend (bookable)</p></nav>"), one);

    Map<Long, String> two = new LinkedHashMap<>();
    two.put(7L, "web01");
    two.put(8L, "web02");
    String deleted = page(true, two, null);
    assertTrue(deleted.contains("Hosts</a> &rsaquo; Delete 2 hosts</p></nav>"), deleted);
    String acted = page(true, two, "suspend");
    assertTrue(
        acted.contains("Hosts</a> &rsaquo; Suspend (bookable) for 2 hosts</p></nav>"), acted);
  }

  @Test
  void anObjectWhosePageIsRefusedIsNamedNotLinked() {
    String html = page(false, Map.of(7L, "web01"), null);
    assertTrue(html.contains("Hosts</a> &rsaquo; web01 &rsaquo; Delete</p></nav>"), html);
  }
}
