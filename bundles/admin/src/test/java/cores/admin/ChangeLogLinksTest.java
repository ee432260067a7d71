package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The change log's page links carry the filters applied only: a refused one (a user no one is
 * named, a day that is none) is shown again as typed, but the next page does not repeat its
 * problem, and the folded filters' summary does not count it as applied.
 */
class ChangeLogLinksTest {
  @Test
  void pageLinksLeaveOutTheRefusedFilters() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("model", "host");
    query.put("user", "nobody so named");
    query.put("from", "2026-13-45");
    ChangeLogPages.ChangesPage page =
        new ChangeLogPages.ChangesPage(
            Map.of(),
            Map.of(),
            query,
            Set.of("user", "from"),
            null,
            null,
            List.of(),
            1,
            3,
            List.of(),
            "UTC");
    assertEquals("/admin/changes?page=2&model=host", page.pageUrl(2));
    assertEquals("nobody so named", page.value("user"), "shown again as typed");
    assertEquals(1, page.applied(), "the fold's summary counts the model alone");
  }

  @Test
  void theActionFilterListsItsChoicesInOneOrderAtEveryStart() {
    // Map.of's order changes from one JVM to the next: the select and its refusal did with it
    assertEquals(
        List.of("create", "update", "delete"), List.copyOf(ChangeLogPages.ACTIONS.keySet()));
  }
}
