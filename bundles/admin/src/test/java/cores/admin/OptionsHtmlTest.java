package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A filter's options are rendered again exactly when the desk's objects are new ones. */
class OptionsHtmlTest {
  private final OptionsHtml options = new OptionsHtml(new Templates());
  private final AtomicInteger renders = new AtomicInteger();

  private String html(Object source, Map<String, String> shown, String chosen) {
    return options.html(
        "inventory/host/diskvendor",
        source,
        () -> {
          renders.incrementAndGet();
          return shown;
        },
        chosen);
  }

  @Test
  void theChosenOptionIsSelectedAndLabelsAreEscaped() {
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("none", "(none)");
    shown.put("2", "<b>vendor2</b>");
    shown.put("12", "vendor12");
    String html = html(shown, shown, "2");
    assertTrue(
        html.contains("<option value=\"2\" selected>&lt;b&gt;vendor2&lt;/b&gt;</option>"), html);
    assertTrue(html.contains("<option value=\"12\">vendor12</option>"), html);
    assertFalse(html.contains("<b>"), html);
    assertFalse(html(shown, shown, "3").contains("selected"));
    assertFalse(html(shown, shown, "\"><script>").contains("selected"));
  }

  @Test
  void theSameObjectsAreRenderedOnceAndNewObjectsAgain() {
    Map<String, String> first = Map.of("1", "Seagate");
    html(first, first, "");
    html(first, first, "1");
    assertEquals(1, renders.get());
    Map<String, String> renamed = Map.of("1", "Seagate Exos");
    String html = html(renamed, renamed, "");
    assertEquals(2, renders.get());
    assertTrue(html.contains("Seagate Exos"), html);
    assertSame(html, html(renamed, renamed, ""));
  }

  /** The domain's word for no reference (a notice for everyone) in the filter and the form. */
  @Test
  void noReferenceIsNamedByTheDomainsWordElseNone() {
    AdminField target =
        new AdminField(
            "target", "ref", false, true, List.of(), "group", null, false, Map.of("", "Everyone"));
    assertEquals("Everyone", OptionsHtml.of(target, Map.of(3L, "lab"), Map.of()).get("none"));
    AdminField host = new AdminField("host", "ref", false, true, List.of(), "host", null);
    assertEquals("(none)", OptionsHtml.of(host, Map.of(), Map.of()).get("none"));
    assertEquals("Everyone", Views.none(target));
  }
}
