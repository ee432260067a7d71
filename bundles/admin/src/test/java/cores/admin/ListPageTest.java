package cores.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListPageTest {

  private static Views.ListPage listAsked(Map<String, String> query) {
    return new Views.ListPage(
        null, "csrf", null, "", List.of(), "", 1, 1, query, null, List.of(), "");
  }

  /** An empty list says "none yet" unless a search or a filter hides what there is. */
  @Test
  void aListIsNarrowedOnlyByASearchOrAFilterNotByItsOrderOrPage() {
    assertFalse(listAsked(Map.of()).narrowed());
    assertFalse(listAsked(Map.of("sort", "-hostname", "page", "2", "q", " ")).narrowed());
    assertTrue(listAsked(Map.of("q", "node")).narrowed());
    assertTrue(listAsked(Map.of("status", "active")).narrowed());
  }
}
