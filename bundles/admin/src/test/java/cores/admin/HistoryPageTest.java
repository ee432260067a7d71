package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.config.SiteZone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An object's history names its fields as the forms do and shows the recorded values of its time
 * fields (ISO text as stored) in the site's zone, named, as every other time of the admin.
 */
class HistoryPageTest {
  private static final AdminModel BOOKING =
      new AdminModel(
          "booking",
          "booking",
          "Bookings",
          List.of(
              new AdminField("start", "time", true, true, List.of(), null),
              new AdminField("comment", "text", false, true, List.of(), null)),
          List.of("start"),
          List.of(),
          "comment",
          Map.of(),
          List.of());

  @Test
  void timeValuesAreInTheSiteZoneAndFieldsAreLabelled() {
    SiteZone zone = SiteZone.of(ZoneId.of("Europe/Zurich"));
    Change change =
        change(
            "update",
            new Change.FieldChange(
                "start", "2099-12-24T10:00:00+00:00", "2099-12-25T10:00:30.5+00:00"),
            new Change.FieldChange("comment", "2099-12-24T10:00:00+00:00", null),
            new Change.FieldChange("id", null, "7"),
            new Change.FieldChange(
                "status_since", "2099-12-20T08:00:00.463002+00:00", "2099-12-24T10:00:00Z"));
    String html = history(zone, "q=web", change);
    assertTrue(html.contains("<th scope=\"row\">Start</th>"), html);
    // the id no model's fields list is labelled as its list's heading, not "id"
    assertTrue(html.contains("<th scope=\"row\">ID</th>"), html);
    assertTrue(html.contains("<td>2099-12-24 11:00:00 Europe/Zurich</td>"), html);
    assertTrue(html.contains("<td>2099-12-25 11:00:30 Europe/Zurich</td>"), html);
    // a column no form shows is a time when it reads as one, the id stays a number
    assertTrue(html.contains("<td>2099-12-20 09:00:00 Europe/Zurich</td>"), html);
    assertTrue(html.contains("<td>7</td>"), html);
    assertFalse(html.contains("2099-12-20T08:00:00"), html);
    // a text field's value stays as written, even one that looks like a time
    assertTrue(html.contains("<td>2099-12-24T10:00:00+00:00</td>"), html);
    assertFalse(html.contains("2099-12-25T10:00:30"), html);
    // the breadcrumb leads back to the object's form and the list as they were left
    assertTrue(
        html.contains(
            "<a href=\"/admin/booking/booking?q=web\">Bookings</a> &rsaquo; <a"
                + " href=\"/admin/booking/booking/7?_changelist_filters=q%3Dweb\">booking"
                + " web01</a>"),
        html);
  }

  @Test
  void anAddedObjectShowsOnlyTheFieldsGivenAValueAndAChangeBeforeAndAfter() {
    SiteZone zone = SiteZone.of(ZoneId.of("UTC"));
    Change created =
        change(
            "create",
            new Change.FieldChange("start", null, "2099-12-24T10:00:00+00:00"),
            new Change.FieldChange("comment", null, ""),
            new Change.FieldChange("serial", null, null));
    Change updated = change("update", new Change.FieldChange("comment", "", "window seat"));
    String html = history(zone, "", updated, created);
    String added = html.substring(html.lastIndexOf("<li>"));
    assertTrue(added.contains("<strong>Added</strong> by Cores"), added);
    assertTrue(
        added.contains("<th scope=\"row\">Start</th><td>2099-12-24 10:00:00 UTC</td></tr>"), added);
    // the empty fields of a new object are left out, and there is no "before" to show
    assertFalse(added.contains("Comment"), added);
    assertFalse(added.contains("Serial"), added);
    assertFalse(added.contains("Before"), added);
    String changed = html.substring(html.indexOf("<li>"), html.lastIndexOf("<li>"));
    assertFalse(changed.contains("Added"), changed);
    assertTrue(changed.contains("<strong>Changed comment</strong>"), changed);
    assertTrue(
        changed.contains("<th scope=\"row\">Comment</th><td></td><td>window seat</td>"), changed);
  }

  /** A deleted object's entry says so and shows what it held, as an added one shows what it got. */
  @Test
  void aDeletedObjectShowsOnlyTheFieldsThatHeldAValue() {
    Change deleted =
        change(
            "delete",
            new Change.FieldChange("start", "2099-12-24T10:00:00+00:00", null),
            new Change.FieldChange("comment", "", null),
            new Change.FieldChange("serial", null, null));
    String html = history(SiteZone.of(ZoneId.of("UTC")), "", deleted);
    assertTrue(html.contains("<strong>Deleted</strong> by Cores"), html);
    assertTrue(
        html.contains("<th scope=\"row\">Start</th><td>2099-12-24 10:00:00 UTC</td></tr>"), html);
    assertFalse(html.contains("Comment"), html);
    assertFalse(html.contains("Serial"), html);
    assertFalse(html.contains("After"), html);
  }

  /**
   * A change says what it did as the Django admin does, its fields by their labels (lower case in
   * the sentence, an abbreviation's capitals kept), not the change log's words and column names.
   */
  @Test
  void aChangeIsSummedUpInTheAdminsWords() {
    Change changed =
        change(
            "update",
            new Change.FieldChange("start", "2099-12-24T10:00:00+00:00", "2099-12-25T10:00:00Z"),
            new Change.FieldChange("ip", "10.0.0.1", "10.0.0.2"),
            new Change.FieldChange("status_since", null, "2099-12-25T10:00:00Z"));
    assertEquals(
        "Changed start, IP address and status since", ChangeLines.summary(changed, BOOKING));
    assertEquals(
        "Changed comment",
        ChangeLines.summary(change("update", new Change.FieldChange("comment", "", "x")), null));
    assertEquals("Added", ChangeLines.summary(change("create"), BOOKING));
    assertEquals("Deleted", ChangeLines.summary(change("delete"), null));
    assertEquals("Changed", ChangeLines.summary(change("update"), BOOKING));
  }

  /** The database's own change of a reference (a NIC's host deleted) names it by its field. */
  @Test
  void aReferencesColumnIsNamedByItsField() {
    AdminModel nic =
        new AdminModel(
            "inventory",
            "nic",
            "NICs",
            List.of(new AdminField("host", "ref", false, true, List.of(), "host")),
            List.of("host"),
            List.of(),
            "host",
            Map.of(),
            List.of());
    assertEquals(
        "Changed host",
        ChangeLines.summary(change("update", new Change.FieldChange("host_id", "7", null)), nic));
    assertEquals(
        "Changed host ID",
        ChangeLines.summary(change("update", new Change.FieldChange("host_id", "7", null)), null));
  }

  @Test
  void aPartsChangeNamesAndLinksItsObjectAndItsFieldsByItsModel() {
    SiteZone zone = SiteZone.of(ZoneId.of("UTC"));
    AdminModel reservation =
        new AdminModel(
            "booking",
            "reservation",
            "Reservations",
            List.of(new AdminField("end", "time", true, true, List.of(), null)),
            List.of("end"),
            List.of(),
            "",
            Map.of(),
            List.of());
    Change own = change("update", new Change.FieldChange("comment", "a", "b"));
    Change part =
        new Change(
            "c-part",
            Instant.parse("2099-12-24T11:00:00Z"),
            null,
            "root",
            null,
            null,
            "booking",
            "reservation",
            9,
            "update",
            List.of(new Change.FieldChange("end", null, "2099-12-24T12:00:00+00:00")));
    String html =
        new Templates()
            .render(
                "history.jte",
                new HistoryPage(
                    new Views.Allowed(BOOKING, true, true, true, true, Set.of()),
                    7,
                    "booking web01",
                    List.of(
                        ChangeLines.line(part, "reservation web01", zone, reservation),
                        ChangeLines.line(own, "booking web01", zone, BOOKING)),
                    zone,
                    "",
                    Map.of("reservation", reservation)));
    assertTrue(
        html.contains(
            "<a href=\"/admin/booking/reservation/9/history\">reservation web01</a>:"
                + " <strong>Changed end</strong> by root"),
        html);
    // its field by its own model's label and kind: the booking has no "end"
    assertTrue(html.contains("<th scope=\"row\">End</th>"), html);
    assertTrue(html.contains("<td>2099-12-24 12:00:00 UTC</td>"), html);
    // the object's own change names no object
    assertTrue(html.contains("<p><strong>Changed comment</strong>"), html);
  }

  private static Change change(String action, Change.FieldChange... fields) {
    return new Change(
        "c-" + action,
        Instant.parse("2099-12-24T10:00:00Z"),
        null,
        null,
        null,
        null,
        "booking",
        "booking",
        7,
        action,
        List.of(fields));
  }

  private static String history(SiteZone zone, String filters, Change... changes) {
    return new Templates()
        .render(
            "history.jte",
            new HistoryPage(
                new Views.Allowed(BOOKING, true, true, true, true, Set.of()),
                7,
                "booking web01",
                Arrays.stream(changes)
                    .map(change -> ChangeLines.line(change, "booking web01", zone, BOOKING))
                    .toList(),
                zone,
                filters));
  }
}
