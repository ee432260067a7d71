package cores.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.config.SiteZone;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The change log's lines as the admin shows them: when (in the site's zone, named), which object,
 * and its page.
 */
final class ChangeLines {
  private ChangeLines() {}

  /**
   * Lines of changes, each object named by its model's desk (one read per model, {@code #id} for an
   * object that is gone); an operator page's object by what its change recorded ({@link
   * Operations#nameOf}: a job's run, an outbox retry); a model no desk lists (a plugin's) by its
   * name and id.
   */
  static List<Views.Line> named(AdminDesk desk, List<Change> changes, SiteZone zone) {
    Map<String, Set<Long>> ids = new LinkedHashMap<>();
    for (Change change : changes) {
      ids.computeIfAbsent(key(change.app(), change.model()), k -> new LinkedHashSet<>())
          .add(change.objectId());
    }
    Map<String, Map<Long, String>> labels = new HashMap<>();
    Map<String, AdminModel> models = new HashMap<>();
    for (AdminModel model : desk.models()) {
      String key = key(model.app(), model.name());
      Set<Long> of = ids.get(key);
      if (of != null) {
        labels.put(key, desk.labels(model, of));
        models.put(key, model);
      }
    }
    return changes.stream()
        .map(
            change -> {
              String key = key(change.app(), change.model());
              Map<Long, String> named = labels.get(key);
              AdminModel model = models.get(key);
              String object =
                  named != null
                      ? model.singular() + " " + named.get(change.objectId())
                      : Operations.nameOf(change, zone)
                          .orElse(change.model() + " #" + change.objectId());
              return line(change, object, zone, model);
            })
        .toList();
  }

  /**
   * A time as the change log recorded it (ISO text with its offset) as the admin shows times, in
   * the site's zone; empty for text that is no such time.
   */
  static Optional<String> recordedTime(String recorded, SiteZone zone) {
    if (recorded == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(zone.when(OffsetDateTime.parse(recorded).toInstant()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String key(String app, String model) {
    return app + "." + model;
  }

  /**
   * A change's line.
   *
   * @param model the changed object's model, or null where no desk lists it (its fields are then
   *     named from their names, and it has no page but an operator's)
   */
  static Views.Line line(Change change, String object, SiteZone zone, AdminModel model) {
    return new Views.Line(
        change,
        zone.when(change.at()),
        object,
        summary(change, model),
        Operations.pageOf(change)
            // no page for an object of a model no desk lists (a plugin's own table, a join table
            // written directly): a link would be a 404
            .orElse(
                model == null
                    ? null
                    : "/admin/"
                        + change.app()
                        + "/"
                        + change.model()
                        + "/"
                        + change.objectId()
                        + "/history"));
  }

  /**
   * What a change did, in the Django admin's words: "Added", "Deleted", or "Changed" and the fields
   * it changed by their labels ("Changed status and IP address"); the change log's own words
   * (create, update, delete) and column names are not the admin's.
   */
  static String summary(Change change, AdminModel model) {
    switch (change.action()) {
      case "create":
        return "Added";
      case "delete":
        return "Deleted";
      default:
        List<String> labels =
            change.fields().stream().map(field -> inSentence(label(model, field.name()))).toList();
        return labels.isEmpty() ? "Changed" : "Changed " + listed(labels);
    }
  }

  /**
   * A recorded field's label: its model's, or one made from its name (an id, a removed field). A
   * reference's column, which the database's own changes record ("host_id" set to none when its
   * host is deleted), is named by its field's label ("host").
   */
  static String label(AdminModel model, String field) {
    Optional<AdminField> known = model == null ? Optional.empty() : model.field(field);
    if (known.isEmpty() && model != null && field.endsWith("_id")) {
      known =
          model
              .field(field.substring(0, field.length() - "_id".length()))
              .filter(AdminPages::referring);
    }
    return known.map(AdminField::label).orElse(AdminField.labelOf(field));
  }

  /** A label inside a sentence: "status since", but "IP address" and "MAC" keep their capitals. */
  private static String inSentence(String label) {
    if (label.length() > 1 && Character.isLowerCase(label.charAt(1))) {
      return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
    return label;
  }

  /** "a", "a and b", "a, b and c". */
  private static String listed(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
