package cores.http.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StableOrderTest {

  @Test
  void unorderedMapsAndSetsComeOutSortedSoEveryInstanceWritesTheSameBytes() {
    Map<String, Object> published =
        Map.of("type", "object", "required", Set.of("c", "a", "b"), "additionalProperties", false);
    Map<String, Object> copy = StableOrder.map(Map.of("x", published, "a", 1));
    assertEquals(List.of("a", "x"), List.copyOf(copy.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> schema = (Map<String, Object>) copy.get("x");
    assertEquals(List.of("additionalProperties", "required", "type"), List.copyOf(schema.keySet()));
    assertEquals(List.of("a", "b", "c"), schema.get("required"));
  }

  @Test
  void orderedMapsAndListsKeepTheirOrder() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", 1);
    properties.put("address", List.of("z", "y"));
    Map<String, Object> copy = StableOrder.map(properties);
    assertEquals(List.of("name", "address"), List.copyOf(copy.keySet()));
    assertEquals(List.of("z", "y"), copy.get("address"));
  }
}
