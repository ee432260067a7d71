package cores.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A form refused for a NUL is shown again as typed, the problem at its field: the NUL goes into the
 * page as U+FFFD (as a browser reads it), the other C0 controls and DEL as references a browser
 * reads back as the same character, and the C1 controls as U+FFFD (a browser reads their references
 * as windows-1252's characters): never raw.
 */
class ControlCharactersTest {
  private static final AdminModel HOST = TestModels.host(Map.of());

  private static String page(String hostname) {
    return new Templates()
        .render(
            "form.jte",
            TestModels.formPage(
                new Views.Allowed(HOST, true, true, true, true, Set.of()),
                7,
                "Change host",
                new Form(Map.of("hostname", hostname)),
                Map.of(),
                List.of(),
                SiteZone.of(ZoneId.of("UTC"))));
  }

  @Test
  void noControlCharacterGoesIntoThePageRaw() {
    String html = page("we\u0000b\u001b01\u007f\tx\u0085\u0093\u00e9");
    assertTrue(html.contains("value=\"we\uFFFDb&#x1B;01&#x7F;\tx\uFFFD\uFFFD\u00e9\""), html);
    for (char c : html.toCharArray()) {
      assertFalse(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F, html);
    }
  }
}
