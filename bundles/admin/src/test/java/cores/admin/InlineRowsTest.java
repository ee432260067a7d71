package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A building's labs added on its form, as Django's admin's inline with {@code extra = 3}: three
 * blank rows, those left blank ignored, "Add another lab" showing the form again as typed with one
 * blank row more, and a refused row's problem at that row.
 */
class InlineRowsTest {
  private static final AdminModel BUILDING =
      new AdminModel(
          "inventory",
          "building",
          "Buildings",
          List.of(new AdminField("code", "text", true, true, List.of(), null)),
          List.of("code"),
          List.of(),
          "code",
          Map.of(),
          List.of("lab"));

  private static final List<AdminField> LAB_FIELDS =
      List.of(
          new AdminField("name", "text", true, true, List.of(), null),
          new AdminField("floor", "int", false, true, List.of(), null),
          new AdminField("cooled", "bool", false, true, List.of(), null),
          new AdminField("building", "ref", true, true, List.of(), "building"));

  private static final AdminModel LAB =
      new AdminModel(
          "inventory", "lab", "Labs", LAB_FIELDS, List.of(), List.of(), "", Map.of(), List.of());

  private static MultivaluedMap<String, String> posted(String... pairs) {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      posted.add(pairs[i], pairs[i + 1]);
    }
    return posted;
  }

  @Test
  void blankRowsLeftEmptyAreIgnoredAndAPartlyFilledOneIsSent() {
    List<InlineChange> changes =
        PostedForm.inlineChanges(
            staff(),
            BUILDING,
            List.of(LAB),
            posted(
                "code", "B1",
                "lab-NEW_ROWS", "3",
                "lab-new-name", "",
                "lab-new-floor", " ",
                "lab-new-cooled", "on",
                "lab-new2-name", "",
                "lab-new2-floor", "",
                "lab-new3-floor", "2"));
    assertEquals(1, changes.size(), "a ticked box alone does not fill a row: " + changes);
    InlineChange partly = changes.get(0);
    assertEquals(0, partly.id());
    assertEquals(2, partly.slot(), "the third blank row");
    assertEquals(Map.of("name", "", "floor", "2", "cooled", ""), partly.values());
    assertEquals("lab-new3-name", partly.field("name"), "its problems are told at its own row");

    List<InlineChange> three =
        PostedForm.inlineChanges(
            staff(),
            BUILDING,
            List.of(LAB),
            posted(
                "lab-NEW_ROWS", "3",
                "lab-new-name", "A",
                "lab-new2-name", "B",
                "lab-new3-name", "C",
                "lab-new4-name", "beyond the count: not a row of the form"));
    assertEquals(
        List.of("A", "B", "C"), three.stream().map(c -> c.values().get("name")).toList(), "");
    assertEquals(List.of(0, 1, 2), three.stream().map(InlineChange::slot).toList());

    // a form without the count (posted by hand, or from before it) has its one new row
    assertEquals(
        1,
        PostedForm.inlineChanges(
                staff(), BUILDING, List.of(LAB), posted("lab-new-name", "A", "lab-new2-name", "B"))
            .size());
  }

  @Test
  void aFormShowsThreeBlankRowsEachLabelledAndCountedForThePost() {
    String html = page(new Form(Map.of()), 0);
    assertEquals(3, count(html, "<tr data-new-row="), html);
    for (int row = 1; row <= 3; row++) {
      String name = "lab-new" + (row == 1 ? "" : String.valueOf(row)) + "-name";
      assertTrue(
          html.contains(
              "<label class=\"cores-visually-hidden\" for=\"f-"
                  + name
                  + "\">Name of new lab "
                  + row
                  + "</label>"),
          name + html);
      assertTrue(html.contains("name=\"" + name + "\""), name);
    }
    assertTrue(html.contains("name=\"lab-NEW_ROWS\" value=\"3\""), html);
    // after Save, which Enter in a field presses
    assertTrue(
        html.indexOf(">Save</button>") < html.indexOf("name=\"_addinline-lab\""),
        "Add another after Save: " + html);
    assertTrue(html.contains(">Add another lab</button>"), html);
  }

  @Test
  void addAnotherShowsTheFormAgainAsTypedWithOneBlankRowMore() {
    MultivaluedMap<String, String> posted =
        posted(
            "code", "B1",
            "lab-NEW_ROWS", "3",
            "lab-new-name", "North",
            "lab-new2-name", "",
            "lab-new3-name", "South",
            "lab-new3-floor", "4",
            "_addinline-lab", "1");
    assertEquals("lab", PostedForm.addingRowTo(posted, List.of(LAB)));
    assertNull(PostedForm.addingRowTo(posted("lab-new-name", "North"), List.of(LAB)), "a save");
    Form form =
        PostedForm.withAnotherRow(
            PostedForm.values(BUILDING, posted), BUILDING, List.of(LAB), posted, "lab", null);
    assertEquals(4, PostedForm.shownNewRows(form, "lab"));
    String html = page(form, 0);
    assertEquals(4, count(html, "<tr data-new-row="), html);
    assertTrue(html.contains("name=\"lab-NEW_ROWS\" value=\"4\""), html);
    assertTrue(html.contains("id=\"f-code\" name=\"code\" value=\"B1\""), html);
    assertTrue(html.contains("name=\"lab-new-name\" value=\"North\""), html);
    assertTrue(html.contains("name=\"lab-new3-name\" value=\"South\""), html);
    assertTrue(html.contains("name=\"lab-new3-floor\" value=\"4\""), html);
    assertTrue(html.contains("name=\"lab-new4-name\" value=\"\""), "the row added: " + html);
    assertFalse(form.hasErrors(), "nothing refused: nothing was checked or saved");
    assertFalse(html.contains("cores-message--danger"), html);
  }

  @Test
  void aRefusedNewRowsProblemIsAtThatRowAndTheCountKept() {
    MultivaluedMap<String, String> posted =
        posted(
            "code", "B1",
            "lab-NEW_ROWS", "5",
            "lab-new-name", "North",
            "lab-new2-floor", "x");
    List<InlineChange> inlines = PostedForm.inlineChanges(staff(), BUILDING, List.of(LAB), posted);
    ProblemException refused =
        ProblemException.invalid(Map.of("lab-new2-floor", List.of("Enter a whole number.")));
    Form form =
        PostedForm.refused(
            BUILDING,
            PostedForm.counted(PostedForm.values(BUILDING, posted), List.of(LAB), posted),
            inlines,
            null,
            refused,
            named -> null);
    String html = page(form, 0);
    assertEquals(5, count(html, "<tr data-new-row="), "as many blank rows as posted: " + html);
    assertTrue(
        html.contains(
            "<a href=\"#f-lab-new2-floor\">Floor of new lab 2</a>: Enter a whole number."),
        html);
    Matcher row =
        Pattern.compile("<tr data-new-row=\"2\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
    assertTrue(row.find(), html);
    assertTrue(
        row.group(1).contains("<p class=\"cores-error\" id=\"f-lab-new2-floor-error\">"),
        "at its row: " + row.group(1));
    assertTrue(row.group(1).contains("value=\"x\""), "as typed: " + row.group(1));
    assertTrue(html.contains("name=\"lab-new-name\" value=\"North\""), html);
  }

  private static int count(String html, String part) {
    return html.split(Pattern.quote(part), -1).length - 1;
  }

  private static String page(Form form, long id) {
    return new Templates()
        .render(
            "form.jte",
            TestModels.formPage(
                new Views.Allowed(BUILDING, true, true, true, true, Set.of()),
                id,
                "Add building",
                form,
                Map.of(),
                List.of(
                    new Views.Inline(
                        new Views.Allowed(LAB, true, true, true, true, Set.of()),
                        LAB_FIELDS.subList(0, 3),
                        List.of(),
                        Map.of(),
                        PostedForm.shownNewRows(form, "lab"))),
                SiteZone.of(ZoneId.of("UTC"))));
  }

  private static Visitor staff() {
    return StaffVisitors.with(
        Set.of("inventory.view_lab", "inventory.add_lab", "inventory.change_lab"));
  }
}
