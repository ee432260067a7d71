package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowTest {
  private static final JsonRow.Keys KEYS = JsonRow.keys(List.of("id", "name", "gone"));

  @Test
  void aRowIsTheMapOfItsKeysAndValuesInOrder() {
    JsonRow row = KEYS.row(7L, "host-7", null);
    Map<String, Object> same = new LinkedHashMap<>();
    same.put("id", 7L);
    same.put("name", "host-7");
    same.put("gone", null);
    assertEquals(same, row);
    assertEquals(row, same);
    assertEquals(same.hashCode(), row.hashCode());
    assertEquals(same.toString(), row.toString());
    assertEquals(List.of("id", "name", "gone"), new ArrayList<>(row.keySet()));
    assertEquals(new ArrayList<>(same.entrySet()), new ArrayList<>(row.entrySet()));
    assertEquals("host-7", row.get("name"));
    assertNull(row.get("gone"));
    assertTrue(row.containsKey("gone"));
    assertFalse(row.containsKey("other"));
    assertNull(row.get("other"));
    List<String> seen = new ArrayList<>();
    row.forEach((key, value) -> seen.add(key + "=" + value));
    assertEquals(List.of("id=7", "name=host-7", "gone=null"), seen);
    assertEquals("name", row.key(1));
    assertEquals("host-7", row.value(1));
    assertThrows(UnsupportedOperationException.class, () -> row.put("id", 8L));
    assertThrows(
        UnsupportedOperationException.class, () -> row.entrySet().iterator().next().setValue(8L));
  }

  @Test
  void keysAreEachOnceAndRowsHaveAValueForEach() {
    assertThrows(IllegalArgumentException.class, () -> JsonRow.keys(List.of("id", "id")));
    assertThrows(IllegalArgumentException.class, () -> KEYS.row(7L, "host-7"));
  }
}
