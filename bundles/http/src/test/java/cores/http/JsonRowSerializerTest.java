package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import cores.api.web.JsonRow;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowSerializerTest {
  private static final ObjectMapper MAPPER = ObjectMapperResolver.newObjectMapper();
  private static final List<String> NAMES = new ArrayList<>();

  static {
    for (int i = 0; i < 17; i++) {
      NAMES.add("key_" + i);
    }
    NAMES.addAll(List.of("at", "gone", "flag", "cards"));
  }

  private static final JsonRow.Keys KEYS = JsonRow.keys(NAMES);
  private static final JsonRow.Keys CARD = JsonRow.keys(List.of("id", "details"));

  private static Object[] values(long n) {
    Object[] values = new Object[NAMES.size()];
    for (int i = 0; i < 17; i++) {
      values[i] = i % 2 == 0 ? "text \"" + n + "\" \u2026" : (Object) (n * i);
    }
    values[17] = Instant.parse("2026-12-06T17:00:00.123456Z");
    values[18] = null;
    values[19] = Boolean.FALSE;
    values[20] = List.of(CARD.row(n, "a card"), CARD.row(n + 1, ""));
    return values;
  }

  private static Map<String, Object> asMap(Object[] values) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof List<?> cards) {
        List<Map<String, Object>> plain = new ArrayList<>();
        for (Object card : cards) {
          plain.add(new LinkedHashMap<>((JsonRow) card));
        }
        value = plain;
      }
      map.put(NAMES.get(i), value);
    }
    return map;
  }

  @Test
  void aRowIsWrittenAsTheMapOfItsKeysAndValues() throws Exception {
    List<JsonRow> rows = new ArrayList<>();
    List<Map<String, Object>> maps = new ArrayList<>();
    for (long n = 1; n <= 3; n++) {
      rows.add(KEYS.row(values(n)));
      maps.add(asMap(values(n)));
    }
    URI next = URI.create("http://localhost/api/x/?limit=3&offset=3");
    assertEquals(
        MAPPER.writeValueAsString(new cores.api.web.Page<>(7, next, null, maps)),
        MAPPER.writeValueAsString(new cores.api.web.Page<>(7, next, null, rows)));
  }

  /**
   * A row's keys are written from its arrays: some 24 bytes a key less than a map's serializer
   * allocates for the same rows (an entry object a key).
   */
  @Test
  void aPageOfRowsIsWrittenWithoutAnObjectAKey() throws Exception {
    List<JsonRow> rows = new ArrayList<>();
    for (long n = 0; n < 50; n++) {
      rows.add(KEYS.row(values(n)));
    }
    ObjectMapper asMaps =
        com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    assertEquals(asMaps.writeValueAsString(rows), MAPPER.writeValueAsString(rows));
    int keys = 50 * (NAMES.size() + 2 * 2);
    long saved = allocated(asMaps, rows) - allocated(MAPPER, rows);
    assertTrue(saved >= 20L * keys, saved + " bytes fewer for " + keys + " keys");
  }

  /** The fewest bytes writing the rows allocated, of 100 times. */
  private static long allocated(ObjectMapper mapper, List<JsonRow> rows) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 100; i++) {
      long before = threads.getThreadAllocatedBytes(thread);
      mapper.writeValue(OutputStream.nullOutputStream(), rows);
      least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
    }
    return least;
  }
}
