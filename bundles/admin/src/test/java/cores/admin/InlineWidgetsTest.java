package cores.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.ProblemException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An inline row's fields are the same controls as its object's form fields (one widget template): a
 * choice is picked from its choices and a date from the browser's picker in a row too, not typed
 * into a bare text box.
 */
class InlineWidgetsTest {
  private static final List<AdminField> FIELDS =
      List.of(
          new AdminField("kind", "choice", false, true, List.of("onboard", "pci"), null),
          new AdminField("since", "date", false, true, List.of(), null),
          new AdminField("rack", "ref", false, true, List.of(), "rack"));

  private static final AdminModel HOST =
      new AdminModel(
          "inventory", "host", "Hosts", FIELDS, List.of(), List.of(), "", Map.of(), List.of("nic"));

  private static final AdminModel NIC =
      new AdminModel(
          "inventory", "nic", "NICs", FIELDS, List.of(), List.of(), "", Map.of(), List.of());

  private static final Map<String, Map<Long, String>> RACKS =
      Map.of("rack", Map.of(3L, "Lab <One> rack 1"));

  @Test
  void anInlineRowsFieldsAreTheObjectsControls() {
    String html =
        hostWithNic7(
            new Form(Map.of("kind", "pci", "rack", "3", "nic-7-kind", "pci", "nic-7-rack", "3")));
    for (String name : List.of("kind", "nic-7-kind", "nic-new-kind")) {
      assertTrue(
          html.contains("<select id=\"f-" + name + "\" name=\"" + name + "\">"), name + html);
    }
    assertTrue(html.contains("<option value=\"pci\" selected>pci</option>"), html);
    for (String name : List.of("since", "nic-7-since", "nic-new-since")) {
      assertTrue(
          html.contains("<input id=\"f-" + name + "\" name=\"" + name + "\" type=\"date\""),
          name + html);
    }
    assertTrue(html.contains("<option value=\"3\" selected>Lab &lt;One&gt; rack 1</option>"), html);
  }

  /**
   * The hidden labels of an inline row's controls name the row as the problem list above does, by
   * the model's display name ("NIC"), not its raw name ("nic").
   */
  @Test
  void anInlineRowsLabelsNameItsModelAsTheProblemsDo() {
    String html =
        hostWithNic7(
            new Form(Map.of("nic-7-kind", "bogus"))
                .refused(
                    ProblemException.invalid(Map.of("nic-7-kind", List.of("not a choice"))),
                    List.of("nic-7-kind")));
    assertTrue(html.contains(">Kind of NIC 7</a>: not a choice"), html);
    assertTrue(
        html.contains(
            "<label class=\"cores-visually-hidden\" for=\"f-nic-7-kind\">Kind of NIC 7</label>"),
        html);
    assertTrue(
        html.contains(
            "<label class=\"cores-visually-hidden\" for=\"f-nic-new-kind\">Kind of new NIC 1</label>"),
        html);
    assertTrue(html.contains(">Delete NIC 7</label>"), html);
    assertFalse(html.contains(" nic 7<"), html);
    assertFalse(html.contains("new nic "), html);
  }

  private static String hostWithNic7(Form form) {
    return new Templates()
        .render(
            "form.jte",
            TestModels.formPage(
                new Views.Allowed(HOST, true, true, true, true, Set.of()),
                5,
                "Change host",
                form,
                RACKS,
                List.of(
                    new Views.Inline(
                        new Views.Allowed(NIC, true, true, true, true, Set.of()),
                        FIELDS,
                        List.of(7L),
                        RACKS)),
                SiteZone.of(ZoneId.of("UTC"))));
  }
}
