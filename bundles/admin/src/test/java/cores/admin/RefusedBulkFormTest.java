package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminDesk.Rows;
import cores.api.admin.AdminModel;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A bulk action refused (no action chosen, no row ticked, the domain's refusal) shows the list
 * again with its form as it was posted: the rows ticked, which rows, the action chosen.
 */
class RefusedBulkFormTest {
  private static final AdminModel HOST = TestModels.host(Map.of("suspend", "Suspend"));

  private static final Rows ROWS =
      new Rows(
          3,
          List.of(
              Map.of("id", "7", "hostname", "a"),
              Map.of("id", "8", "hostname", "b"),
              Map.of("id", "9", "hostname", "c")));

  private final Templates templates = new Templates();
  private final ListTable table = new ListTable(templates);

  private String page(Views.Chosen chosen) {
    Views.ListPage view =
        new Views.ListPage(
            new Views.Allowed(HOST, true, true, true, true, Set.of("suspend")),
            "csrf",
            ROWS,
            "",
            List.of(),
            "",
            1,
            1,
            Map.of(),
            null,
            List.of("Refused."),
            null,
            chosen);
    return templates.render("list.jte", table.filled(view));
  }

  @Test
  void theFormIsReadAsPosted() {
    MultivaluedMap<String, String> posted = new MultivaluedHashMap<>();
    posted.addAll("ids", "7", " 9 ");
    posted.putSingle("action", "suspend");
    Views.Chosen chosen = Selection.chosen(posted);
    assertEquals(Set.of("7", "9"), chosen.ids());
    assertEquals("suspend", chosen.action());
    assertEquals("", chosen.select());
    posted.putSingle(Selection.SELECT, "page");
    assertEquals("page", Selection.chosen(posted).select());
  }

  @Test
  void theListShowsTheRowsTickedAndTheActionChosenOnceAndThenAsAskedFor() {
    String html = page(new Views.Chosen(Set.of("7", "9"), "page", "suspend"));
    assertTrue(html.contains("id=\"select-7\" checked"), html);
    assertTrue(html.contains("id=\"select-9\" checked"), html);
    assertFalse(html.contains("id=\"select-8\" checked"), html);
    assertTrue(html.contains("<option value=\"suspend\" selected>Suspend</option>"), html);
    assertTrue(html.contains("<option value=\"\">---------</option>"), html);
    assertTrue(html.contains("<option value=\"page\" selected>"), html);
    assertTrue(html.contains("Refused."), html);

    // the next list as asked for ticks nothing: a ticked table is not kept
    String plain = page(Views.Chosen.NONE);
    assertFalse(plain.contains(" checked"), plain);
    assertTrue(plain.contains("<option value=\"\" selected>---------</option>"), plain);
  }

  @Test
  void anActionChosenWithNoRowTickedStaysChosen() {
    String html = page(new Views.Chosen(Set.of(), "", "delete"));
    assertTrue(html.contains("<option value=\"delete\" selected>Delete</option>"), html);
    assertFalse(html.contains(" checked"), html);
  }

  /**
   * As Django's "0 of 50 selected": a count by the action, filled by the web bundle's script from
   * the boxes ticked and the choice of rows; empty as served, so never wrong without it, even with
   * rows ticked as posted. Not a live region as served: the script makes it one once the form is
   * used, so that the count it fills in at load is not announced.
   */
  @Test
  void theSelectedCountIsEmptyAsServedAndNotYetALiveRegion() {
    String html = page(new Views.Chosen(Set.of("7"), "", "suspend"));
    assertFalse(html.contains("aria-live"), html);
    assertTrue(
        html.contains(
            "<span class=\"cores-small cores-muted\" id=\"selected-count\""
                + " data-selected-count=\"ids\" data-rows-choice=\"select\""
                + " data-matching=\"3\"></span>"),
        html);
    assertFalse(html.contains("<script"), "no inline script: the counter's is a static file");
  }
}
