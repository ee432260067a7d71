package cores.domain.admin;

import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An admin form's values (text) as a model's input. */
final class FormInput {
  private FormInput() {}

  /**
   * Form values (text) as the API's JSON values: blank is no value, numbers and references are
   * numbers, a ticked box is true. Numbers that are not numbers are refused at their fields.
   */
  static Map<String, Object> of(Model model, Map<String, String> values) {
    FieldErrors errors = new FieldErrors();
    Map<String, Object> input = new LinkedHashMap<>();
    for (Field field : model.fields()) {
      if (!field.writable()) {
        continue;
      }
      String text = values.getOrDefault(field.name(), "").strip();
      if (field.kind() == Kind.BOOL) {
        input.put(field.name(), "on".equals(text) || "true".equals(text));
      } else if (text.isEmpty()) {
        // blank: empty text, else no value given, so that a new row takes the column's default
        // (a notice's style) and a change sets it back to it
        if (field.kind() == Kind.TEXT && !field.required()) {
          input.put(field.name(), "");
        } else if (field.required()) {
          input.put(field.name(), null);
        }
      } else if (field.kind() == Kind.INT || field.kind() == Kind.REF) {
        try {
          input.put(field.name(), Long.parseLong(text));
        } catch (NumberFormatException e) {
          errors.check(field.name(), "must be a whole number");
        }
      } else {
        input.put(field.name(), text);
      }
    }
    errors.throwIfAny();
    return input;
  }

  /** The object's input, its problems added to {@code problems} (then empty). */
  static Map<String, Object> of(
      Model model, Map<String, String> values, Map<String, List<String>> problems) {
    try {
      return of(model, values);
    } catch (ProblemException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      problems.putAll(e.errors());
      return Map.of();
    }
  }
}
