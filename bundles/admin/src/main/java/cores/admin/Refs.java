package cores.admin;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References to a model with more objects than a form can list (the hosts or users of a large lab),
 * as Django's {@code autocomplete_fields}: typed as the object's label or id instead of chosen from
 * a select, found on save, suggested as one types. Up to {@link #LISTED} objects a reference stays
 * a select of them all.
 */
final class Refs {
  /**
   * The most objects a reference's select lists; with more, its field is typed into. As many as a
   * list's filter lists ({@link AdminDesk#FILTER_OPTIONS}): one rule for every reference's select.
   */
  static final int LISTED = AdminDesk.FILTER_OPTIONS;

  /** The most objects suggested as one types, or offered after an entry matched none or several. */
  static final int MATCHES = 20;

  /** The form field of the object picked among those an entry matched: {@code _pick_host}. */
  static final String PICK = "_pick_";

  /** An id as typed, or as a label names an object that no longer exists ({@code #42}). */
  private static final Pattern ID = Pattern.compile("#?([0-9]{1,18})");

  private final AdminDesk desk;

  Refs(AdminDesk desk) {
    this.desk = desk;
  }

  /** The model a reference refers to, when the admin shows it. */
  Optional<AdminModel> target(AdminField field) {
    return desk.models().stream().filter(m -> m.name().equals(field.target())).findFirst();
  }

  /**
   * The choices of a form's writable references and multis over a model. A reference to a model
   * with more than {@link #LISTED} objects has none: the form shows it typed into, its value by
   * label, suggestions read from {@code url}'s autocomplete.
   */
  Map<String, Map<Long, String>> options(
      User user, List<AdminField> fields, Form form, String url) {
    Map<String, Map<Long, String>> options = new LinkedHashMap<>();
    for (AdminField field : fields) {
      if (!AdminPages.referring(field) || !field.writable()) {
        continue;
      }
      if (!"ref".equals(field.kind())) {
        options.put(field.name(), desk.options(user, field));
        continue;
      }
      // one more than listed tells whether there are more: the first ones, not all of them
      Map<Long, String> first = desk.options(user, field, "", LISTED + 1);
      if (first.size() <= LISTED) {
        options.put(field.name(), first);
      } else {
        form.typed(
            field.name(),
            shown(field, form.value(field.name())),
            url + "/autocomplete?field=" + field.name());
      }
    }
    return options;
  }

  /** A typed reference's value as its box shows it: an id by its object's label. */
  private String shown(AdminField field, String value) {
    Matcher id = ID.matcher(value.strip());
    Optional<AdminModel> target = target(field);
    if (!id.matches() || value.startsWith("#") || target.isEmpty()) {
      return value;
    }
    long object = Long.parseLong(id.group(1));
    return desk.labels(target.get(), List.of(object)).get(object);
  }

  /**
   * Replaces each reference typed as a label or {@code #id} in {@code values} by its object's id,
   * or by the object picked among those an earlier entry matched ({@link #PICK}). The text a change
   * form showed for its stored object finds that object even where its label is not unique. An
   * entry that names no object, or several, is refused at its field ({@link Unresolved}, with the
   * objects it matches), before anything is written.
   */
  void resolve(
      User user,
      AdminModel model,
      Map<String, String> values,
      Map<String, String> stored,
      MultivaluedMap<String, String> posted) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Map<String, Map<Long, String>> matches = new LinkedHashMap<>();
    for (AdminField field : model.fields()) {
      String name = field.name();
      String typed = values.getOrDefault(name, "").strip();
      Optional<AdminModel> target = target(field);
      if (!"ref".equals(field.kind()) || !field.writable() || target.isEmpty()) {
        continue;
      }
      String picked = PostedForm.first(posted, PICK + name);
      if (ID.matcher(picked).matches()) {
        values.put(name, picked);
        continue;
      }
      if (typed.isEmpty() || typed.matches("[0-9]{1,18}") && isObject(target.get(), typed)) {
        continue;
      }
      String before = stored.getOrDefault(name, "");
      if (ID.matcher(before).matches()
          && typed.equals(desk.label(target.get(), Long.parseLong(before)))) {
        values.put(name, before);
        continue;
      }
      Found found = find(user, field, target.get(), typed);
      if (found.id() != null) {
        values.put(name, String.valueOf(found.id()));
        continue;
      }
      String what = target.get().singular();
      if (found.several()) {
        problems.put(
            name, List.of("More than one " + what + " is named “" + typed + "”: pick one."));
      } else if (found.matches().isEmpty()) {
        problems.put(
            name, List.of("No " + what + " is named “" + typed + "”, and no name holds it."));
      } else {
        problems.put(
            name,
            List.of(
                "No "
                    + what
                    + " is named “"
                    + typed
                    + "”: pick one of those whose name holds it, or type another."));
      }
      if (!found.matches().isEmpty()) {
        matches.put(name, found.matches());
      }
    }
    if (!problems.isEmpty()) {
      throw new Unresolved(problems, matches);
    }
  }

  /**
   * The object an entry names among a reference's objects (those of {@code target}): its id or
   * {@code #id}, else the one whose label it is, exactly, else ignoring case. A form's typed
   * reference and a list's typed filter ({@link TypedFilters}) read an entry so.
   */
  Found find(User user, AdminField field, AdminModel target, String typed) {
    Matcher id = ID.matcher(typed);
    if (id.matches() && isObject(target, id.group(1))) {
      return new Found(Long.valueOf(id.group(1)), Map.of(), false);
    }
    Map<Long, String> found = desk.options(user, field, typed, MATCHES);
    Map<Long, String> exact = named(found, typed, false);
    if (exact.isEmpty()) {
      exact = named(found, typed, true);
    }
    if (exact.size() == 1) {
      return new Found(exact.keySet().iterator().next(), Map.of(), false);
    }
    return exact.isEmpty() ? new Found(null, found, false) : new Found(null, exact, true);
  }

  /**
   * What an entry names ({@link #find}).
   *
   * @param id the object it names; null when it names none or several
   * @param matches when it names none, the objects whose label holds it (at most {@link #MATCHES});
   *     when several, those
   * @param several whether several objects are so named
   */
  record Found(Long id, Map<Long, String> matches, boolean several) {
    Found {
      matches = Collections.unmodifiableMap(new LinkedHashMap<>(matches));
    }
  }

  private boolean isObject(AdminModel target, String id) {
    return !desk.existing(target, List.of(Long.parseLong(id))).isEmpty();
  }

  /** The objects whose label is the text, exactly or ignoring case. */
  private static Map<Long, String> named(Map<Long, String> found, String text, boolean anyCase) {
    Map<Long, String> named = new LinkedHashMap<>();
    found.forEach(
        (id, label) -> {
          if (anyCase ? label.equalsIgnoreCase(text) : label.equals(text)) {
            named.put(id, label);
          }
        });
    return named;
  }

  /** Typed references that name no object or several: 400 at their fields, with their matches. */
  static final class Unresolved extends ProblemException {
    private static final long serialVersionUID = 1L;

    /** Field name to the objects its entry matched, id to label. */
    private final transient Map<String, Map<Long, String>> matches;

    Unresolved(Map<String, List<String>> problems, Map<String, Map<Long, String>> matches) {
      super(400, "Bad Request", "Some fields are invalid.", problems);
      this.matches = Map.copyOf(matches);
    }

    /** The matches of a refusal, none unless it is one of these. */
    static Map<String, Map<Long, String>> of(ProblemException e) {
      return e instanceof Unresolved unresolved ? unresolved.matches : Map.of();
    }
  }
}
