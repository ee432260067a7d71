package cores.domain.admin;

import cores.api.changes.Change;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Model;
import cores.domain.sql.Sql;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The change log's entries as the admin's history shows them: each field by the name the forms give
 * it, a reference by the label of the object it refers to (the objects of each reference field
 * looked up once), "#id" for one that is gone.
 */
final class ReadableChanges {
  private ReadableChanges() {}

  /**
   * The changes of the model's objects with their fields and references named as shown (a booking's
   * start in the zone).
   */
  static List<Change> of(Sql sql, Model model, List<Change> changes, ZoneId zone) {
    Map<String, Field> byColumn = new LinkedHashMap<>();
    model.fields().forEach(f -> byColumn.put(f.column().replace("\"", ""), f));
    // the referenced ids of each reference field, looked up once per field
    Map<Field, List<Long>> referenced = new LinkedHashMap<>();
    for (Change change : changes) {
      for (Change.FieldChange field : change.fields()) {
        Field known = byColumn.get(field.name());
        if (known != null && known.kind() == Kind.REF) {
          List<Long> ids = referenced.computeIfAbsent(known, k -> new ArrayList<>());
          Stream.of(field.before(), field.after()).map(ReadableChanges::id).forEach(ids::add);
        }
      }
    }
    Map<Field, Map<Long, String>> labels = new LinkedHashMap<>();
    referenced.forEach(
        (field, ids) ->
            labels.put(
                field,
                Labels.labels(
                    sql,
                    field.target(),
                    ids.stream().filter(id -> id != null).distinct().toList(),
                    zone)));
    return changes.stream()
        .map(
            change ->
                new Change(
                    change.id(),
                    change.at(),
                    change.userId(),
                    change.username(),
                    change.impersonatorId(),
                    change.impersonator(),
                    change.app(),
                    change.model(),
                    change.objectId(),
                    change.action(),
                    change.fields().stream()
                        .map(f -> readable(byColumn.get(f.name()), labels, f))
                        .toList()))
        .toList();
  }

  private static Change.FieldChange readable(
      Field field, Map<Field, Map<Long, String>> labels, Change.FieldChange change) {
    if (field == null) {
      return change;
    }
    Map<Long, String> known = labels.get(field);
    if (known == null) {
      return new Change.FieldChange(field.name(), change.before(), change.after());
    }
    return new Change.FieldChange(
        field.name(), label(known, change.before()), label(known, change.after()));
  }

  private static String label(Map<Long, String> labels, String value) {
    Long id = id(value);
    return id == null ? value : labels.getOrDefault(id, "#" + id);
  }

  /** A recorded reference's id, or null for none (or, defensively, for what is not one). */
  private static Long id(String value) {
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
