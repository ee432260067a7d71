package cores.admin;

import cores.api.admin.AdminDesk.Hold;
import cores.api.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model's form as shown: its values, and the domain's problems at their fields. */
public final class Form {
  /** The form field with the digest of what a change form was opened on ({@link EditedSince}). */
  public static final String OPENED = EditedSince.FIELD;

  private final Map<String, String> values;
  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final List<String> general = new ArrayList<>();
  private List<Hold> holds = List.of();

  Form(Map<String, String> values) {
    this.values = new LinkedHashMap<>(values);
  }

  /** Records what the domain refused: field problems at their fields, the rest above the form. */
  Form refused(ProblemException e, List<String> fields) {
    if (e.errors().isEmpty()) {
      general.add(e.detail());
    }
    e.errors()
        .forEach(
            (field, messages) -> {
              if (fields.contains(field)) {
                errors.computeIfAbsent(field, f -> new ArrayList<>()).addAll(messages);
              } else {
                messages.forEach(m -> general.add(field + ": " + m));
              }
            });
    return this;
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

  /** That digest, empty on other forms. */
  public String opened() {
    return value(OPENED);
  }

  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  public boolean checked(String name) {
    String v = value(name);
    return "on".equals(v) || "true".equals(v);
  }

  public boolean invalid(String field) {
    return errors.containsKey(field);
  }

  public List<String> errors(String field) {
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
}
