package cores.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A user's delete confirmation names the other bundles' objects that stop it (as a host's names its
 * bookings), each linked to its page where the visitor may see them, rather than counting them ("2
 * bookings refer to it as owner").
 */
class ReferrersTest {
  private static final AdminModel USER =
      new AdminModel(
          "auth",
          "user",
          "Users",
          List.of(new AdminField("username", "text", true, true, List.of(), null)),
          List.of("username"),
          List.of(),
          "username",
          Map.of(),
          List.of());

  private static AdminDesk.Referrers bookings() {
    Map<Long, String> named = new LinkedHashMap<>();
    named.put(5L, "#5 of alice on web01, 2099-12-24 11:00 to 2099-12-25 11:00 (Europe/Zurich)");
    named.put(6L, "#6 of alice on <web02>, 2099-12-26 11:00, no end (Europe/Zurich)");
    return new AdminDesk.Referrers(
        "booking",
        "booking",
        "12 bookings refer to it as owner",
        named,
        10,
        "deactivate the user instead, or change those first");
  }

  private static String page(ConfirmPage.Referring referring) {
    return new Templates()
        .render(
            "confirm.jte",
            new ConfirmPage(
                new Views.Allowed(USER, true, true, true, true, Set.of()),
                "csrf",
                "Delete this user?",
                "/admin/auth/user/delete",
                null,
                "Yes, delete",
                Map.of(3L, "alice"),
                List.of(3L),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                SiteZone.of(ZoneId.of("Europe/Zurich")),
                List.of(referring),
                "q=ali"));
  }

  @Test
  void theObjectsThatStopADeleteAreNamedAndLinkedWhereTheVisitorMaySeeThem() {
    String html = page(new ConfirmPage.Referring(bookings(), "/admin/booking/booking"));
    assertTrue(
        html.contains(
            "<li>12 bookings refer to it as owner: <a href=\"/admin/booking/booking/5\">#5 of alice"
                + " on web01, 2099-12-24 11:00 to 2099-12-25 11:00 (Europe/Zurich)</a>; <a"
                + " href=\"/admin/booking/booking/6\">#6 of alice on &lt;web02&gt;, 2099-12-26"
                + " 11:00, no end (Europe/Zurich)</a> and 10 more (deactivate the user instead, or"
                + " change those first)</li>"),
        html);
    assertFalse(html.contains("Yes, delete"), "nothing offered to delete");
    assertTrue(html.contains("This cannot be deleted now."), html);
    assertTrue(html.contains("href=\"/admin/auth/user?q=ali\">Back to the list</a>"), html);
  }

  @Test
  void whoMayNotSeeThemReadsTheirNamesWithoutLinks() {
    String html = page(new ConfirmPage.Referring(bookings(), null));
    assertTrue(html.contains("owner: #5 of alice on web01"), html);
    assertFalse(html.contains("/admin/booking/booking/5"), html);
  }
}
