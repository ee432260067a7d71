package cores.api.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report: what it was asked for and its tables, the main one first. Values are {@code String},
 * {@code Long}, {@code Integer}, {@code java.math.BigDecimal}, {@code java.time.Instant}, {@code
 * Boolean} or null.
 *
 * @param name assets, usage or longreservations
 * @param parameters what it covers, in order (usage: from, to, days; long reservations: days, at)
 */
public record Report(String name, Map<String, Object> parameters, List<Table> tables) {
  public Report {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    tables = List.copyOf(tables);
  }

  /**
   * One table.
   *
   * @param name its name (assets: hosts, cards; usage: hosts, hardware, labs, users; long
   *     reservations: reservations)
   * @param columns the columns in order
   * @param rows column to value (values may be null)
   */
  public record Table(String name, List<String> columns, List<Map<String, Object>> rows) {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }
}
