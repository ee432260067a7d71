package cores.domain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.booking.BookableOrder;
import cores.api.web.ApiDoc;
import cores.domain.inventory.Models;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What /api/docs lists for the domain's resources matches what they serve. */
class ApiDocTest {

  @Test
  void theDocumentedInventoryPathsAreTheModelPathsWithTheirPermissionModels() {
    ApiDoc.Values[] values = InventoryResource.class.getAnnotation(ApiDoc.class).values();
    assertEquals(1, values.length);
    assertEquals("model", values[0].param());
    Map<String, String> documented = new TreeMap<>();
    for (String entry : values[0].value()) {
      String[] parts = entry.split("=", 2);
      documented.put(parts[0], parts.length == 2 ? parts[1] : parts[0]);
    }
    Map<String, String> served = new TreeMap<>();
    Models.BY_PATH.forEach((path, model) -> served.put(path, model.name()));
    assertEquals(served, documented);
  }

  /**
   * An annotation's text must be a constant, so the search's description names the orderings
   * itself: it must name those {@link BookableOrder} takes, in its order.
   */
  @Test
  void theBookableSearchDescribesEveryOrderingItTakesAndNoOther() throws Exception {
    ApiDoc doc =
        BookableResource.class
            .getMethod(
                "list",
                String.class,
                String.class,
                jakarta.ws.rs.core.SecurityContext.class,
                jakarta.ws.rs.core.UriInfo.class)
            .getAnnotation(ApiDoc.class);
    List<String> ordering =
        Arrays.stream(doc.query()).filter(entry -> entry.startsWith("ordering: ")).toList();
    assertEquals(1, ordering.size(), Arrays.toString(doc.query()));
    List<String> documented =
        List.of(ordering.get(0).substring("ordering: ".length()).split(", | or "));
    assertEquals(
        Arrays.stream(BookableOrder.values()).map(BookableOrder::key).toList(), documented);
  }
}
