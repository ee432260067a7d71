package cores.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk.Hold;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Times on the admin's pages are the site's (CORES_TIME_ZONE), the zone named. */
class SiteZoneTest {
  private static final SiteZone ZURICH = SiteZone.of(ZoneId.of("Europe/Zurich"));
  private static final Instant DEC_24 = Instant.parse("2099-12-24T10:00:00Z");

  private static final AdminModel BOOKABLE =
      new AdminModel(
          "booking",
          "bookable",
          "Bookables",
          List.of(
              new AdminField("status", "choice", true, true, List.of("active", "inactive"), null),
              new AdminField("until", "time", false, true, List.of(), null)),
          List.of("status"),
          List.of(),
          "",
          Map.of("inactive", "Set inactive"),
          List.of());

  private static final List<Hold> HOLDS =
      List.of(new Hold("booking", 5, "web01", "alice", DEC_24, null));

  private final Templates templates = new Templates();

  private static Views.Allowed allowed() {
    return new Views.Allowed(BOOKABLE, true, true, true, true, Set.of("inactive"));
  }

  @Test
  void aTimeFieldsHintNamesTheZoneAndTheBookingsAheadAreAtItsTimes() {
    Form form = new Form(Map.of("status", "inactive")).holding(HOLDS);
    String html =
        templates.render(
            "form.jte",
            TestModels.formPage(
                allowed(), 3, "Change bookable web01", form, Map.of(), List.of(), ZURICH));
    assertTrue(html.contains("In Europe/Zurich time, e.g. 2027-01-31 09:00."), html);
    assertTrue(html.contains("<td>2099-12-24 11:00:00 Europe/Zurich</td><td>open</td>"), html);
    assertFalse(html.contains("UTC"), html);
  }

  @Test
  void aConfirmationsBookingsAreAtTheSitesTimes() {
    String html =
        templates.render(
            "confirm.jte",
            new ConfirmPage(
                allowed(),
                "csrf",
                "Set inactive for this bookable?",
                "/admin/booking/bookable",
                "inactive",
                "Yes, do it",
                Map.of(3L, "web01"),
                List.of(3L),
                List.of(),
                List.of(),
                HOLDS,
                List.of(),
                ZURICH,
                List.of(),
                ""));
    assertTrue(html.contains("<td>2099-12-24 11:00:00 Europe/Zurich</td>"), html);
  }
}
