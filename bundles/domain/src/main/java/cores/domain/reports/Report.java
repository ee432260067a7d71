package cores.domain.reports;

import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A report: its parameters (the period it covers, a threshold) and one or more tables, the first
 * being the main one (the usage report has hosts, hardware, labs and users).
 *
 * @param name the report's name (the CSV file is named after it)
 * @param parameters what the report was asked for, as answered (name to value, in order)
 * @param tables the tables, the main one first
 */
public record Report(String name, Map<String, Object> parameters, List<Table> tables) {
  public Report {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    tables = List.copyOf(tables);
  }

  /**
   * One table of a report.
   *
   * @param name its name (a key of the JSON answer; {@code ?table=} of the CSV download)
   * @param columns the columns in order (also when there are no rows)
   * @param rows column to value
   */
  public record Table(String name, List<String> columns, List<Map<String, Object>> rows) {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /**
   * The JSON answer: the parameters, then {@code count} and {@code results} (the main table's
   * rows), then the other tables by name; {@link #answerSchema} describes it.
   */
  public Map<String, Object> answer() {
    Map<String, Object> body = new LinkedHashMap<>(parameters);
    body.put("count", main().rows().size());
    body.put(MAIN, main().rows());
    for (Table other : tables.subList(1, tables.size())) {
      body.put(other.name(), other.rows());
    }
    return body;
  }

  /**
   * The JSON Schema of {@link #answer} for a report of these parameters and tables (the main one
   * first), from the same shapes the report takes its columns from.
   */
  public static Map<String, Object> answerSchema(
      String description, JsonShape parameters, Map<String, JsonShape> tables) {
    JsonShape answer = parameters.with("count", JsonShape.INTEGER);
    boolean main = true;
    for (Map.Entry<String, JsonShape> table : tables.entrySet()) {
      Map<String, Object> rows =
          JsonShape.arrayOf(table.getValue().schema("a row of " + table.getKey()));
      answer = answer.with(main ? MAIN : table.getKey(), rows);
      main = false;
    }
    return answer.schema(description);
  }

  /** The main table's name in the JSON answer, and for {@link #csvTable}. */
  public static final String MAIN = "results";

  public Table main() {
    return tables.get(0);
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The table a CSV download holds: the named one, the main one for null or {@value #MAIN} (its
   * name in the JSON answer); 400 at {@code table}.
   */
  public Table csvTable(String name) {
    if (name == null || MAIN.equals(name)) {
      return main();
    }
    return table(name)
        .orElseThrow(
            () ->
                FieldErrors.single(
                    "table",
                    "one of " + tables.stream().map(t -> t == main() ? MAIN : t.name()).toList()));
  }

  /** The CSV file's name: {@code cores-<report>[-<table>]-<day>.csv}, the table unless main. */
  public String fileName(Table table, LocalDate day) {
    return "cores-" + name + (table == main() ? "" : "-" + table.name()) + "-" + day + ".csv";
  }

  /**
   * Tables from the rows of one statement that tags each row with its table in the column {@code
   * part}: each table keeps its own columns of its rows, in the statement's order.
   */
  static List<Table> split(List<Map<String, Object>> rows, Map<String, JsonShape> columns) {
    List<Table> tables = new ArrayList<>();
    columns.forEach(
        (name, shape) -> {
          List<String> names = shape.keys();
          List<Map<String, Object>> own = new ArrayList<>();
          for (Map<String, Object> row : rows) {
            if (name.equals(row.get("part"))) {
              Map<String, Object> kept = new LinkedHashMap<>();
              names.forEach(column -> kept.put(column, row.get(column)));
              own.add(kept);
            }
          }
          tables.add(new Table(name, names, own));
        });
    return tables;
  }
}
