package cores.api.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model staff administer.
 *
 * @param app the app of its permissions ({@code app.view_name}, add, change, delete)
 * @param name the model's name, e.g. {@code host}
 * @param plural how a list of them is titled, e.g. {@code Hosts}
 * @param fields its fields besides {@code id}
 * @param columns the fields the list shows
 * @param filters the fields the list filters by (references, choices, yes/no)
 * @param search what the list's search looks in, for the page to say
 * @param actions the bulk actions of its list besides delete: name to label (e.g. {@code bookable →
 *     Make bookable})
 * @param inlines models whose objects are shown (and added) on this one's change page: their
 *     reference field to this model has this model's name (e.g. a host's NICs)
 * @param writes the generic writes it takes, of {@code add}, {@code change} and {@code delete}
 *     (none: read-only; its permissions then allow nothing more). Its bulk actions are not among
 *     them: they need the change permission whatever this says.
 */
public record AdminModel(
    String app,
    String name,
    String plural,
    List<AdminField> fields,
    List<String> columns,
    List<String> filters,
    String search,
    Map<String, String> actions,
    List<String> inlines,
    Set<String> writes) {
  /** Every generic write: add, change and delete. */
  public static final Set<String> ALL_WRITES = Set.of("add", "change", "delete");

  public AdminModel {
    fields = List.copyOf(fields);
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    inlines = List.copyOf(inlines);
    writes = Set.copyOf(writes);
  }

  /** A model that takes every generic write. */
  public AdminModel(
      String app,
      String name,
      String plural,
      List<AdminField> fields,
      List<String> columns,
      List<String> filters,
      String search,
      Map<String, String> actions,
      List<String> inlines) {
    this(app, name, plural, fields, columns, filters, search, actions, inlines, ALL_WRITES);
  }

  /**
   * Whether the model takes an action at all (view always; add, change or delete if among its
   * {@link #writes}); its permission decides who may.
   */
  public boolean allows(String action) {
    return "view".equals(action) || writes.contains(action);
  }

  /** The permission for an action: view, add, change or delete. */
  public String permission(String action) {
    return app + "." + action + "_" + name;
  }

  public Optional<AdminField> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }
}
