package cores.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A change form's breadcrumb ends with the object, as Django's admin and the history page's do, and
 * its links to the object's other pages carry the list as it was left; its buttons and links are
 * those whose page the visitor may open.
 */
class FormBreadcrumbTest {
  private static final AdminModel HOST = TestModels.host(Map.of());

  private static String page(long id, String object, String filters) {
    return page(new Views.Allowed(HOST, true, true, true, true, Set.of()), id, object, filters);
  }

  /** A form of the host's own, as a user's Set password. */
  private static final AdminModel.AdminForm PASSWORD =
      new AdminModel.AdminForm(
          "password",
          "Set password",
          "change",
          List.of(new AdminField("password", "password", true, true, List.of(), null)));

  private static String page(Views.Allowed allowed, long id, String object, String filters) {
    return new Templates()
        .render(
            "form.jte",
            new Views.FormPage(
                allowed,
                "csrf",
                id,
                id == 0 ? "Add host" : "Change host " + object,
                new Form(Map.of("hostname", object)),
                Map.of(),
                Map.of(),
                List.of(),
                List.of(PASSWORD),
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
            "<a href=\"/admin\">Admin</a> &rsaquo; <a href=\"/admin/inventory\">Inventory</a> &rsaquo;"
                + " <a href=\"/admin/inventory/host?q=web\">Hosts</a>"
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
    assertTrue(html.contains("href=\"/admin/inventory/host/7/form/password" + kept + "\""), html);
  }

  /**
   * An object's own form (a user's Set password) carries the list as it was left as the change form
   * does: its post, so that its save leads back to that list, and its links back.
   */
  @Test
  void anObjectsOwnFormCarriesTheListAsItWasLeft() {
    String html =
        new Templates()
            .render(
                "objectform.jte",
                new ObjectFormPage(
                    new Views.Allowed(HOST, true, true, true, true, Set.of()),
                    "csrf",
                    7,
                    "host web01",
                    "web01",
                    PASSWORD,
                    new Form(Map.of()),
                    false,
                    "q=web&sort=-hostname"));
    String kept = "?_changelist_filters=q%3Dweb%26sort%3D-hostname";
    assertTrue(html.contains("action=\"/admin/inventory/host/7/form/password" + kept + "\""), html);
    assertTrue(html.contains("<a href=\"/admin/inventory/host/7" + kept + "\">Back</a>"), html);
    assertTrue(
        html.contains("<a href=\"/admin/inventory/host?q=web&amp;sort=-hostname\">Hosts</a>"),
        html);
  }

  /**
   * As Django's admin: one who may add hosts but not view them is not offered "Save and continue
   * editing" (the change form it leads to is refused them: they are led to the admin's index) nor a
   * way to a list they may not see.
   */
  @Test
  void whoMayAddButNotViewIsOfferedOnlyWhatTheyMayOpen() {
    String html = page(new Views.Allowed(HOST, false, true, false, false, Set.of()), 0, "", "q=a");
    assertTrue(html.contains(">Save</button>"), html);
    assertTrue(html.contains("name=\"_addanother\""), html);
    assertFalse(html.contains("_continue"), html);
    assertFalse(html.contains("Back to the list"), html);
    assertFalse(html.contains("href=\"/admin/inventory/host"), html);
    assertTrue(html.contains("&rsaquo; Hosts &rsaquo; Add host</p></nav>"), html);

    String viewer = page(0, "", "");
    assertTrue(viewer.contains("name=\"_continue\""), viewer);
    assertTrue(viewer.contains("Back to the list"), viewer);
  }
}
