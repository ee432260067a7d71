package cores.domain.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.testing.TestDatabase;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Sql#rows}' rows are the maps they were (a {@code LinkedHashMap} each) at less cost. */
class SqlRowsTest {
  private static TestDatabase db;
  private static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    db = new TestDatabase("sqlrows");
    connection = db.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    db.close();
  }

  @Test
  void rowsAreTheColumnsInOrderALabelTwiceTakingItsLaterValueAtItsFirstPlace() {
    List<Map<String, Object>> rows =
        Sql.on(connection)
            .rows(
                "SELECT n AS id, 'host-' || n AS name, NULL::text AS note, n * 2 AS id,"
                    + " ARRAY[n, n + 1] AS ids, TIMESTAMPTZ '2026-12-06 20:00:00+00' AS at,"
                    + " n % 2 = 0 AS even"
                    + " FROM generate_series(1, 3) n ORDER BY n",
                List.of());
    assertEquals(3, rows.size());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", 1L);
    expected.put("name", "host-1");
    expected.put("note", null);
    expected.put("id", 2L);
    expected.put("ids", List.of(1L, 2L));
    expected.put("at", Instant.parse("2026-12-06T20:00:00Z"));
    expected.put("even", false);
    Map<String, Object> first = rows.get(0);
    assertEquals(expected, first);
    assertEquals(first, expected);
    assertEquals(expected.hashCode(), first.hashCode());
    assertEquals(expected.toString(), first.toString());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(first.keySet()));
    assertEquals(new ArrayList<>(expected.values()), new ArrayList<>(first.values()));
    assertTrue(first.containsKey("note"));
    assertNull(first.get("absent"));
    assertEquals(6L, rows.get(2).get("id"));
    assertEquals(
        "{id=6, name=host-3, note=null, ids=[3, 4], at=2026-12-06T20:00:00Z, even=false}",
        rows.get(2).toString());
  }

  /**
   * Every change a map takes, on a row and on the LinkedHashMap the old rows were, side by side.
   */
  @Test
  void aRowChangesAsTheLinkedHashMapItWas() {
    List<Consumer<Map<String, Object>>> changes =
        List.of(
            m -> m.put("name", "renamed"),
            m -> m.put("note", null),
            m -> m.put("extra", 5L),
            m -> m.remove("id"),
            m -> m.remove("absent"),
            m -> m.putAll(Map.of("name", "again")),
            m -> m.entrySet().stream().findFirst().ifPresent(e -> e.setValue("first")),
            m -> m.entrySet().removeIf(e -> "note".equals(e.getKey())),
            m -> m.values().removeIf(v -> Long.valueOf(2L).equals(v)),
            m -> m.keySet().retainAll(List.of("name", "ids", "extra")),
            m -> m.replaceAll((k, v) -> k + ":" + v),
            m -> m.computeIfAbsent("name", k -> "never"),
            m -> m.computeIfAbsent("later", k -> "added"),
            m -> m.merge("name", "+", (a, b) -> a + "" + b),
            m -> m.putIfAbsent("ids", "kept"),
            m -> m.remove("name", "no"),
            m -> m.replace("ids", "replaced"),
            m -> m.put("id", 9L),
            Map::clear,
            m -> m.put("id", 10L));
    Random random = new Random(16);
    for (int trial = 0; trial < 2_000; trial++) {
      Map<String, Object> row =
          new Row(
              new Row.Labels(new String[] {"id", "name", "note", "id", "ids"}),
              new Object[] {2L, "host", null, List.of(1L)});
      Map<String, Object> map = new LinkedHashMap<>(row);
      List<Integer> done = new ArrayList<>();
      int steps = 1 + random.nextInt(6);
      for (int step = 0; step < steps; step++) {
        int change = random.nextInt(changes.size());
        done.add(change);
        changes.get(change).accept(map);
        changes.get(change).accept(row);
        String at = "changes " + done;
        assertEquals(map, row, at);
        assertEquals(row, map, at);
        assertEquals(map.hashCode(), row.hashCode(), at);
        assertEquals(map.toString(), row.toString(), at);
        assertEquals(map.size(), row.size(), at);
        assertEquals(List.copyOf(map.keySet()), List.copyOf(row.keySet()), at);
        for (String key : List.of("id", "name", "note", "ids", "extra", "later", "absent")) {
          assertEquals(map.get(key), row.get(key), at + " " + key);
          assertEquals(map.containsKey(key), row.containsKey(key), at + " " + key);
        }
      }
    }
  }

  @Test
  void aRowsEntriesIteratorRefusesBeyondTheEndAndASecondRemove() {
    Map<String, Object> row =
        new Row(new Row.Labels(new String[] {"a", "b"}), new Object[] {1L, 2L});
    Iterator<Map.Entry<String, Object>> entries = row.entrySet().iterator();
    assertThrows(IllegalStateException.class, entries::remove);
    Map.Entry<String, Object> a = entries.next();
    assertEquals(Map.entry("a", 1L), a);
    assertEquals(Map.entry("a", 1L).hashCode(), a.hashCode());
    entries.remove();
    assertThrows(IllegalStateException.class, entries::remove);
    assertEquals(Map.entry("b", 2L), entries.next());
    assertThrows(java.util.NoSuchElementException.class, entries::next);
    assertEquals(Map.of("b", 2L), row);
  }

  /**
   * What the rows themselves cost, beyond reading their values from the driver into an array each:
   * a map's table and its entry per column were 984 bytes a row of 20 columns (39 now).
   */
  @Test
  void aRowOfTwentyColumnsCostsLittleMoreThanItsValues() throws Exception {
    StringBuilder columns = new StringBuilder("n AS c0");
    for (int i = 1; i < 20; i++) {
      columns.append(i % 2 == 0 ? ", n + " + i : ", 'v' || n").append(" AS c").append(i);
    }
    String sql = "SELECT " + columns + " FROM generate_series(1, 200) n";
    Sql rows = Sql.on(connection);
    long overRows = Long.MAX_VALUE;
    long overArrays = Long.MAX_VALUE;
    for (int round = 0; round < 30; round++) {
      overRows = Math.min(overRows, allocated(() -> rows.rows(sql, List.of()).size()));
      overArrays = Math.min(overArrays, allocated(() -> arrays(sql).size()));
    }
    long perRow = (overRows - overArrays) / 200;
    assertTrue(perRow < 200, perRow + " bytes a row beyond its values");
  }

  /** The rows' values read as {@code rows} reads them, into an array a row. */
  private static List<Object[]> arrays(String sql) {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      for (int i = 0; i < n; i++) {
        rs.getMetaData().getColumnLabel(i + 1);
      }
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
          Object value = rs.getObject(i + 1);
          values[i] = value instanceof Integer number ? Long.valueOf(number.longValue()) : value;
        }
        rows.add(values);
      }
      return rows;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Work {
    int run();
  }

  private static long allocated(Work work) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    int n = work.run();
    long after = threads.getThreadAllocatedBytes(thread);
    assertEquals(200, n);
    return after - before;
  }
}
