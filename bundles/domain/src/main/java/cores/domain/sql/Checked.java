package cores.domain.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A kept value and the condition that proves it still right: SQL of a boolean expression ({@link
 * ChangeMarkers#UNCHANGED} and what a cache compares besides) with its parameters. The conditions
 * of several kept values are checked together, in one statement ({@link #all}).
 */
public record Checked<T>(T value, String condition, List<Object> params) {

  /** Whether every condition holds now, in one statement. */
  public static boolean all(Sql sql, List<? extends Checked<?>> checks) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (Checked<?> check : checks) {
      conditions.add("(" + check.condition() + ")");
      params.addAll(check.params());
    }
    String select = "SELECT " + String.join(" AND ", conditions) + " AS unchanged";
    return Boolean.TRUE.equals(sql.row(select, params).get("unchanged"));
  }
}
