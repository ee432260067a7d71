package cores.admin;

import cores.api.admin.AdminDesk;
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
    Map<String, String> singulars = new HashMap<>();
    for (AdminModel model : desk.models()) {
      String key = key(model.app(), model.name());
      Set<Long> of = ids.get(key);
      if (of != null) {
        labels.put(key, desk.labels(model, of));
        singulars.put(key, model.singular());
      }
    }
    return changes.stream()
        .map(
            change -> {
              String key = key(change.app(), change.model());
              Map<Long, String> named = labels.get(key);
              String object =
                  named != null
                      ? singulars.get(key) + " " + named.get(change.objectId())
                      : Operations.nameOf(change, zone)
                          .orElse(change.model() + " #" + change.objectId());
              return line(change, object, zone);
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

  static Views.Line line(Change change, String object, SiteZone zone) {
    return new Views.Line(
        change,
        zone.when(change.at()),
        object,
        Operations.pageOf(change)
            .orElse(
                "/admin/"
                    + change.app()
                    + "/"
                    + change.model()
                    + "/"
                    + change.objectId()
                    + "/history"));
  }
}
