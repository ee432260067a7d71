package cores.admin;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A list's reference filters over more objects than a select offers ({@link
 * AdminDesk#FILTER_OPTIONS}, as many as a form's select lists ({@link Refs#LISTED}); the hosts of
 * 1,500 hardware models): the select lists the first by label, as the desk orders them, says so,
 * and a box beside it ({@link #PARAM}) takes any other's label or {@code #id}, read as a form's
 * typed reference is ({@link Refs#find}). Without script the list's form sends the box, and the
 * list reads it into the filter's id. An entry that names no object, and an id that is none (an
 * edited address), is named among the problems, its filter not applied: not an empty list that
 * reads as the answer.
 */
final class TypedFilters {
  /** The parameter of a filter's box, before the filter's name: {@code _find_hardware}. */
  static final String PARAM = "_find_";

  private TypedFilters() {}

  /** Whether a filter's objects, as the desk answered them, are more than its select lists. */
  static boolean cut(Map<Long, String> objects) {
    return objects != null && objects.size() > AdminDesk.FILTER_OPTIONS;
  }

  /** Whether a list's query holds an entry in the box of one of its reference filters. */
  static boolean typedIn(List<AdminField> referring, Map<String, String> query) {
    return referring.stream()
        .anyMatch(field -> !query.getOrDefault(PARAM + field.name(), "").isBlank());
  }

  /**
   * The boxes in a list's query that none of its filters shows: one after a filter the list does
   * not have, that is no reference, or that refers to a model the admin does not show ({@code
   * _find_nothing}, an edited address). Each is taken out of the query and named, as Django's
   * parameters are ({@link RefusedFilters#djangos}): dropped silently, the list would read as
   * filtered by it.
   *
   * @return the problems to show, one a box; empty when none was
   */
  static List<String> forged(Refs refs, List<AdminField> referring, Map<String, String> query) {
    Set<String> shown = new HashSet<>();
    referring.stream()
        .filter(field -> refs.target(field).isPresent())
        .forEach(field -> shown.add(PARAM + field.name()));
    List<String> forged =
        query.keySet().stream()
            .filter(name -> name.startsWith(PARAM) && !shown.contains(name))
            .sorted()
            .toList();
    forged.forEach(query::remove);
    return forged.stream()
        .map(name -> "Parameter " + name + ": no filter of this list has such a box; not applied.")
        .toList();
  }

  /**
   * Reads each filter's box from the list's query into the filter's chosen value, the object's id,
   * taking the box out of the query: the list's links carry the id. An entry that names no object,
   * or several, is refused: its filter is not applied, and is named among the problems with the
   * objects that match it.
   *
   * @return the refused entries by filter, to show again in their boxes; empty when none was
   */
  static Map<String, String> read(
      Refs refs,
      User user,
      List<AdminField> referring,
      Map<String, String> query,
      Map<String, String> chosen,
      List<String> problems) {
    Map<String, String> refused = new LinkedHashMap<>();
    for (AdminField field : referring) {
      String typed = query.remove(PARAM + field.name());
      Optional<AdminModel> target = refs.target(field);
      if (typed == null || typed.isBlank() || target.isEmpty()) {
        continue;
      }
      typed = typed.strip();
      Refs.Found found = refs.find(user, field, target.get(), typed);
      if (found.id() != null) {
        chosen.put(field.name(), String.valueOf(found.id()));
        query.put(field.name(), String.valueOf(found.id()));
        continue;
      }
      chosen.put(field.name(), "");
      query.remove(field.name());
      refused.put(field.name(), typed);
      problems.add(unresolved(field.label(), target.get(), typed, found));
    }
    return refused;
  }

  /**
   * What a filter's entry that names no object, or several ({@link Refs#find}), is told: with the
   * objects that match it, to type one of.
   */
  static String unresolved(String label, AdminModel target, String typed, Refs.Found found) {
    String what = target.singular().toLowerCase(Locale.ROOT);
    String said = "Filter " + label + ": ";
    if (found.several()) {
      return said
          + "more than one "
          + what
          + " is named “"
          + typed
          + "” ("
          + named(found.matches())
          + "): type one's #id; not applied.";
    }
    if (found.matches().isEmpty()) {
      return said + "no " + what + " is named “" + typed + "”, and no name holds it; not applied.";
    }
    return said
        + "no "
        + what
        + " is named “"
        + typed
        + "”; not applied. Names that hold it: "
        + named(found.matches())
        + ".";
  }

  /** What a filter's id that is no object's (an edited address) is told. */
  static String noSuch(String label, AdminModel target, long id) {
    return "Filter "
        + label
        + ": no "
        + target.singular().toLowerCase(Locale.ROOT)
        + " #"
        + id
        + " (deleted, or never there); not applied.";
  }

  /**
   * The objects chosen through the list's address (an id, a link of the history) that are not among
   * their filters' options: those that exist by their label, by filter, so that the select shows
   * them chosen (one past the first listed, or one no row refers to); those that do not are taken
   * out of the chosen filters and the query, each named among the problems.
   */
  static Map<String, Map<Long, String>> beyond(
      AdminDesk desk,
      Refs refs,
      List<AdminField> referring,
      Map<String, Map<Long, String>> options,
      Map<String, String> chosen,
      Map<String, String> query,
      List<String> problems) {
    Map<String, Map<Long, String>> beyond = new LinkedHashMap<>();
    for (AdminField field : referring) {
      String value = chosen.getOrDefault(field.name(), "");
      Map<Long, String> offered = options.get(field.name());
      Optional<AdminModel> target = refs.target(field);
      if (offered == null || target.isEmpty() || !value.matches("[0-9]{1,18}")) {
        continue;
      }
      long id = Long.parseLong(value);
      if (offered.containsKey(id)) {
        continue;
      }
      Map<Long, String> existing = desk.existing(target.get(), List.of(id));
      if (existing.isEmpty()) {
        chosen.put(field.name(), "");
        query.remove(field.name());
        problems.add(noSuch(field.label(), target.get(), id));
      } else {
        beyond.put(field.name(), existing);
      }
    }
    return beyond;
  }

  /** Objects as a problem names them: {@code R640 (#12), R650 (#15)}. */
  private static String named(Map<Long, String> objects) {
    StringJoiner named = new StringJoiner(", ");
    objects.forEach((id, label) -> named.add(label + " (#" + id + ")"));
    return named.toString();
  }
}
