package cores.admin;

import cores.api.admin.AdminDesk.Hold;
import cores.api.admin.NamingProblem;
import cores.api.web.Checkbox;
import cores.api.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A model's form as shown: its values, and the domain's problems at their fields. */
public final class Form {
  /** The form field with the digest of what a change form was opened on ({@link EditedSince}). */
  public static final String OPENED = EditedSince.FIELD;

  private final Map<String, String> values;
  private final Map<String, List<Views.Message>> errors = new LinkedHashMap<>();
  private final List<String> general = new ArrayList<>();
  private List<Hold> holds = List.of();
  private final Map<String, String> typed = new LinkedHashMap<>();
  private Map<String, Map<Long, String>> matches = Map.of();

  Form(Map<String, String> values) {
    this.values = new LinkedHashMap<>(values);
  }

  /** Records what the domain refused: field problems at their fields, the rest above the form. */
  Form refused(ProblemException e, List<String> fields) {
    return refused(e, fields, named -> null);
  }

  /**
   * Records what the domain refused, a field problem's words that name an object ({@link
   * NamingProblem}) linked to the page {@code pages} gives it (null: named, not linked).
   */
  Form refused(
      ProblemException e, List<String> fields, Function<NamingProblem.Named, String> pages) {
    if (e.errors().isEmpty()) {
      general.add(e.detail());
    }
    List<NamingProblem.Named> named =
        e instanceof NamingProblem naming ? naming.named() : List.of();
    e.errors()
        .forEach(
            (field, messages) -> {
              if (fields.contains(field)) {
                List<Views.Message> at = errors.computeIfAbsent(field, f -> new ArrayList<>());
                messages.forEach(m -> at.add(linked(field, m, named, pages)));
              } else {
                messages.forEach(m -> general.add(field + ": " + m));
              }
            });
    return this;
  }

  /** A field's problem, the first object it names linked. */
  private static Views.Message linked(
      String field,
      String message,
      List<NamingProblem.Named> named,
      Function<NamingProblem.Named, String> pages) {
    for (NamingProblem.Named object : named) {
      int at = object.text().isEmpty() ? -1 : message.indexOf(object.text());
      if (object.field().equals(field) && at >= 0) {
        return new Views.Message(
            message.substring(0, at),
            object.text(),
            pages.apply(object),
            message.substring(at + object.text().length()));
      }
    }
    return Views.Message.of(message);
  }

  /**
   * Shown again, nothing saved, over the bookings and reservations the change would affect: saving
   * once more confirms it.
   */
  Form holding(List<Hold> affected) {
    this.holds = List.copyOf(affected);
    return this;
  }

  /** The bookings and reservations the posted change affects, to be confirmed; none usually. */
  public List<Hold> holds() {
    return holds;
  }

  /**
   * Shows a reference typed into ({@link Refs}): the text its box holds, and the address of its
   * suggestions.
   */
  void typed(String field, String text, String suggestions) {
    values.put(field, text);
    typed.put(field, suggestions);
  }

  /** Where a typed reference's suggestions are read; null for a field chosen from a select. */
  public String suggestions(String field) {
    return typed.get(field);
  }

  /** Shown again with the objects that the typed references matched, to be picked from. */
  Form matching(Map<String, Map<Long, String>> matches) {
    this.matches = Map.copyOf(matches);
    return this;
  }

  /** The objects a typed reference's entry matched, id to label: none unless it was refused. */
  public Map<Long, String> matches(String field) {
    return matches.getOrDefault(field, Map.of());
  }

  /** The form field of the object picked among a typed reference's matches. */
  public String pick(String field) {
    return Refs.PICK + field;
  }

  /** That digest, empty on other forms. */
  public String opened() {
    return value(OPENED);
  }

  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  public boolean checked(String name) {
    return Checkbox.ticked(value(name));
  }

  public boolean invalid(String field) {
    return errors.containsKey(field);
  }

  public List<Views.Message> errors(String field) {
    return errors.getOrDefault(field, List.of());
  }

  /** Whether any field has a problem (the form then lists them above its fields). */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public List<String> general() {
    return general;
  }

  /** The field's aria-describedby: its error when it has one, else its help. */
  public String describedBy(String field) {
    return invalid(field) ? "f-" + field + "-error" : null;
  }

  /**
   * What a field's control is described by: its problem, when it has one, and its help text ({@code
   * f-{name}-help}) when {@code helped}.
   */
  public String describedBy(String field, boolean helped) {
    String problem = describedBy(field);
    if (!helped) {
      return problem;
    }
    String help = "f-" + field + "-help";
    return problem == null ? help : problem + " " + help;
  }
}
