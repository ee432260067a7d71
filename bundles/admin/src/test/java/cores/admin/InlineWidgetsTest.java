package cores.admin;

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

  @Test
  void anInlineRowsFieldsAreTheObjectsControls() {
    Map<String, Map<Long, String>> racks = Map.of("rack", Map.of(3L, "Lab <One> rack 1"));
    Form form =
        new Form(Map.of("kind", "pci", "rack", "3", "nic-7-kind", "pci", "nic-7-rack", "3"));
    String html =
        new Templates()
            .render(
                "form.jte",
                new Views.FormPage(
                    new Views.Allowed(HOST, true, true, true, Set.of()),
                    "csrf",
                    5,
                    "Change host",
                    form,
                    racks,
                    List.of(),
                    List.of(
                        new Views.Inline(
                            new Views.Allowed(NIC, true, true, true, Set.of()),
                            FIELDS,
                            List.of(7L),
                            racks)),
                    List.of(),
                    Map.of(),
                    SiteZone.of(ZoneId.of("UTC"))));
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
}
