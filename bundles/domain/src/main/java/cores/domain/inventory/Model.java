package cores.domain.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table the API serves as CRUD: its name in the path, its permission model name, its fields.
 *
 * @param name the path segment and the model in permission names (inventory.view_{name})
 * @param table the table (an identifier from this code)
 * @param fields the attributes besides {@code id}
 * @param filters query parameters that filter the list: name to field
 * @param order the list's ORDER BY
 * @param example a valid input, shown by the API description (and checked by the tests as input)
 */
public record Model(
    String app,
    String name,
    String table,
    List<Field> fields,
    List<Field> filters,
    String order,
    Map<String, Object> example) {

  public Model(
      String app,
      String name,
      String table,
      List<Field> fields,
      List<Field> filters,
      String order) {
    this(app, name, table, fields, filters, order, Map.of());
  }

  /** This model with an example input (field names to JSON values). */
  public Model withExample(Map<String, Object> input) {
    return new Model(app, name, table, fields, filters, order, Map.copyOf(input));
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The permission for an action (view, add, change, delete) on this model. */
  public String permission(String action) {
    return app + "." + action + "_" + name;
  }
}
