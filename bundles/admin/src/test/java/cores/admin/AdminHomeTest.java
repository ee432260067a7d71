package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The admin home groups the models by app, as Django's admin does, each app's table captioned with
 * a link to the app's own page; the app's page has a breadcrumb back to the home.
 */
class AdminHomeTest {
  private static final AdminModel HOST = TestModels.host(Map.of());
  private static final AdminModel BOOKING =
      TestModels.of(
          "booking",
          "booking",
          "Bookings",
          List.of(new AdminField("comment", "text", true, false, List.of(), null)));

  private static Views.Allowed viewer(AdminModel model) {
    return new Views.Allowed(model, true, true, true, true, Set.of());
  }

  private static String render(String app, List<Views.Allowed> models) {
    return new Templates()
        .render(
            "home.jte",
            new Views.Home("csrf", app, Apps.grouped(models), List.of(), List.of(), null));
  }

  @Test
  void modelsAreGroupedByAppInTheOrderTheirFirstModelComes() {
    AdminModel rack = TestModels.of("inventory", "rack", "Racks", HOST.fields());
    List<Apps.App> apps = Apps.grouped(List.of(viewer(HOST), viewer(BOOKING), viewer(rack)));
    assertEquals(List.of("inventory", "booking"), apps.stream().map(Apps.App::name).toList());
    assertEquals(
        List.of("Hosts", "Racks"),
        apps.get(0).models().stream().map(a -> a.model().plural()).toList());
    assertEquals("Inventory", apps.get(0).title());
    assertEquals("/admin/inventory", apps.get(0).url());
  }

  @Test
  void theHomeCaptionsEachAppsTableWithALinkToItsPage() {
    String html = render("", List.of(viewer(HOST), viewer(BOOKING)));
    assertTrue(html.contains("<table class=\"cores-table cores-app\" id=\"app-inventory\">"), html);
    assertTrue(
        html.contains("<caption><a href=\"/admin/inventory\">Inventory</a></caption>"), html);
    assertTrue(html.contains("<caption><a href=\"/admin/booking\">Booking</a></caption>"), html);
    assertTrue(
        html.contains("<th scope=\"row\"><a href=\"/admin/inventory/host\">Hosts</a></th>"), html);
    assertFalse(html.contains("aria-label=\"Breadcrumb\""), html);
  }

  @Test
  void anAppsPageLeadsBackToTheHome() {
    String html = render("inventory", List.of(viewer(HOST)));
    assertTrue(html.contains("<a href=\"/admin\">Admin</a> &rsaquo; Inventory</p></nav>"), html);
    assertTrue(html.contains("<caption>Inventory</caption>"), html);
  }

  /** As Django's admin: a model one may add to but not view is listed, its name no link. */
  @Test
  void aModelOneMayOnlyAddToIsListedWithoutALinkToItsList() {
    String html = render("", List.of(new Views.Allowed(HOST, false, true, false, false, Set.of())));
    assertTrue(html.contains("<th scope=\"row\">Hosts</th>"), html);
    assertTrue(html.contains("href=\"/admin/inventory/host/add\""), html);
    assertFalse(html.contains("href=\"/admin/inventory/host\""), html);
  }
}
