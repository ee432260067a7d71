package cores.domain.reports;

import java.util.List;
import java.util.Map;

/**
 * A report's rows.
 *
 * @param name the report's name (the CSV file is named after it)
 * @param columns the columns in order (also when there are no rows)
 * @param rows column to value
 */
public record Report(String name, List<String> columns, List<Map<String, Object>> rows) {
  public Report {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
