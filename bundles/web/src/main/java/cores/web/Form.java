package cores.web;

import cores.api.web.Checkbox;
import cores.api.web.Dates;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.api.web.SentTwice;
import cores.api.web.StorableText;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form as posted and as shown again: its values, and the problems the domain found, at their
 * fields (what no field holds is shown above the form).
 */
public final class Form {
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final List<String> general = new ArrayList<>();

  /** An empty form with initial values. */
  public static Form of(Map<String, String> values) {
    Form form = new Form();
    form.values.putAll(values);
    return form;
  }

  /** The problem of a field sent more than once. */
  public static final String TWICE = SentTwice.MESSAGE;

  /**
   * The form as posted (the first value of each field), with a problem at each field holding text
   * that PostgreSQL would not store as sent ({@link StorableText}, e.g. a NUL) and at each field
   * sent more than once (the pages' forms send each field once; as the JSON API refuses a key sent
   * twice): a page shows such a form again as typed ({@link #hasErrors}) and writes nothing.
   */
  public static Form posted(MultivaluedMap<String, String> posted) {
    Form form = new Form();
    if (posted != null) {
      List<String> twice = new ArrayList<>();
      posted.forEach(
          (name, list) -> {
            if (!list.isEmpty()) {
              form.values.put(name, list.get(0));
            }
            if (list.size() > 1) {
              twice.add(StorableText.shown(name));
              form.error(StorableText.shown(name), TWICE);
            }
          });
      if (!twice.isEmpty()) {
        // also above the form: a hidden field's problem would show nowhere else
        form.general.add(
            "Nothing was saved: each field is sent once, these were sent twice ("
                + String.join(", ", twice)
                + ").");
      }
      Map<String, List<String>> unstorable = StorableText.problems(posted);
      unstorable.forEach((field, messages) -> messages.forEach(m -> form.error(field, m)));
      if (!unstorable.isEmpty()) {
        // also above the form: a hidden field's problem would show nowhere else
        form.general.add(
            "Nothing was saved: text must not contain NUL characters or lone UTF-16 surrogates"
                + " (in "
                + String.join(", ", unstorable.keySet())
                + ").");
      }
    }
    return form;
  }

  /** The value of a field, "" when there is none. */
  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  /** The problem of a checkbox sent with another value ({@link Checkbox}). */
  public static final String NOT_A_TICK = Checkbox.NOT_A_TICK;

  /** Whether a checkbox is ticked, as the form shows it. */
  public boolean checked(String name) {
    return Checkbox.ticked(value(name));
  }

  /**
   * Whether a posted checkbox is ticked ({@link Checkbox}): any other value than a tick's is a
   * problem at the field, not an unticked box: that would change the choice silently.
   */
  public boolean ticked(String name) {
    if (!Checkbox.sound(value(name))) {
      error(name, NOT_A_TICK);
    }
    return checked(name);
  }

  /** A whole number in a field; empty when blank, a field error when not a number. */
  public Optional<Long> number(String name) {
    String v = value(name).strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v));
    } catch (NumberFormatException e) {
      error(name, "must be a whole number");
      return Optional.empty();
    }
  }

  /** A date (yyyy-mm-dd, as date inputs send it); empty when blank, a field error when wrong. */
  public Optional<java.time.LocalDate> date(String name) {
    String v = value(name).strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    java.time.LocalDate date = Dates.date(v);
    if (date == null) {
      error(name, "must be a date as 2026-01-31 " + Dates.YEARS);
    }
    return Optional.ofNullable(date);
  }

  /** Records a problem with a field. */
  public Form error(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    return this;
  }

  /**
   * Records what the domain refused: its field problems at their fields (those named in {@code
   * aliases} at the field shown for them), the rest above the form.
   */
  public Form refused(ProblemException e, Map<String, String> aliases) {
    if (e.errors().isEmpty()) {
      general.add(e.detail());
    }
    e.errors()
        .forEach(
            (field, messages) -> {
              String shown = aliases.getOrDefault(field, field);
              if (shown.isEmpty()) {
                general.addAll(messages);
              } else {
                messages.forEach(m -> error(shown, m));
              }
            });
    return this;
  }

  /**
   * For a post that shows no form (a button's): throws the 400 answer naming each field with its
   * problems, if there is any.
   */
  public void refuseIfAny() {
    FieldErrors refused = new FieldErrors();
    errors.forEach((field, messages) -> messages.forEach(m -> refused.check(field, m)));
    refused.throwIfAny();
  }

  public boolean hasErrors() {
    return !errors.isEmpty() || !general.isEmpty();
  }

  /** The problems with a field, empty when it is fine. */
  public List<String> errors(String field) {
    return errors.getOrDefault(field, List.of());
  }

  /** Whether a field has a problem (for its aria-invalid and style). */
  public boolean invalid(String field) {
    return errors.containsKey(field);
  }

  /** Problems that belong to no field shown. */
  public List<String> general() {
    return general;
  }

  /** The id of a field's error message, for aria-describedby; null when it has none. */
  public String describedBy(String field) {
    return invalid(field) ? field + "-error" : null;
  }
}
