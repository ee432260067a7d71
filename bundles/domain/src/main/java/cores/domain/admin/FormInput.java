package cores.domain.admin;

import cores.api.config.SiteZone;
import cores.api.web.Checkbox;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Model;
import cores.domain.inventory.Values;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An admin form's values (text) as a model's input, and a row's values as the form shows them:
 * times in the site's zone ({@code CORES_TIME_ZONE}), as a browser's date-and-time box gives them.
 */
final class FormInput {
  private final ZoneId zone;

  FormInput(ZoneId zone) {
    this.zone = zone;
  }

  /** The site's zone, that of the times the forms show and take. */
  ZoneId zone() {
    return zone;
  }

  /**
   * Form values (text) as the API's JSON values: blank is no value, numbers and references are
   * numbers, a ticked box is true. Numbers that are not numbers are refused at their fields; a time
   * stays text, which the writes read by the one rule of date-times ({@link Values#time}: without
   * an offset, the site's).
   */
  Map<String, Object> of(Model model, Map<String, String> values) {
    FieldErrors errors = new FieldErrors();
    Map<String, Object> input = parsed(model, values, errors);
    errors.throwIfAny();
    return input;
  }

  /**
   * The values that parse as the API's input; the problems of those that do not in {@code errors}.
   */
  private Map<String, Object> parsed(Model model, Map<String, String> values, FieldErrors errors) {
    Map<String, Object> input = new LinkedHashMap<>();
    for (Field field : model.fields()) {
      if (!field.writable()) {
        continue;
      }
      String text = values.getOrDefault(field.name(), "").strip();
      if (field.kind() == Kind.BOOL) {
        // a value other than a tick's the admin refuses before asking the desk
        input.put(field.name(), Checkbox.ticked(text));
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
          errors.check(
              field.name(),
              text.chars().allMatch(Character::isDigit)
                  ? Values.TOO_LARGE
                  : "must be a whole number");
        }
      } else {
        input.put(field.name(), field.kind() == Kind.TEXT ? lineBreaks(text) : text);
      }
    }
    return input;
  }

  /**
   * The object's input as far as it parses, the problems of the values that do not added to {@code
   * problems} (under their form names, by {@code named}): the rules then check the rest, so that a
   * form shows a number that is not one and a required field left blank at once.
   */
  Map<String, Object> of(
      Model model,
      Map<String, String> values,
      Map<String, List<String>> problems,
      UnaryOperator<String> named) {
    FieldErrors errors = new FieldErrors();
    Map<String, Object> input = parsed(model, values, errors);
    try {
      errors.throwIfAny();
    } catch (ProblemException e) {
      e.errors().forEach((field, messages) -> problems.put(named.apply(field), messages));
    }
    return input;
  }

  /**
   * A stored row as its form shows it: a time as the site's date and time, to the second; one Cores
   * sets (a host's lastseen), never edited, with the zone named.
   */
  Map<String, String> shown(Model model, Map<String, Object> row) {
    Map<String, String> values = new LinkedHashMap<>();
    row.forEach((name, value) -> values.put(name, value == null ? "" : String.valueOf(value)));
    for (Field field : model.fields()) {
      if (row.get(field.name()) instanceof Instant instant) {
        values.put(
            field.name(),
            field.writable() ? local(instant) : SiteZone.WHEN.format(instant.atZone(zone)));
      }
    }
    return values;
  }

  private String local(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone).toString();
  }

  /**
   * Keeps the stored value of every text and time field posted back as its form showed it: a text
   * box posts its line breaks as CR LF, the form strips blanks around values, and a time is shown
   * to the second, all of which would otherwise rewrite a field nobody touched.
   */
  void keepUntouched(
      Model model,
      Map<String, String> posted,
      Map<String, Object> input,
      Map<String, Object> stored) {
    for (Field field : model.fields()) {
      Object before = stored.get(field.name());
      String given = posted.get(field.name());
      if (given == null || !input.containsKey(field.name())) {
        continue;
      }
      if (field.kind() == Kind.TEXT
          && before instanceof String text
          && lineBreaks(given.strip()).equals(lineBreaks(text.strip()))) {
        input.put(field.name(), text);
      } else if (field.kind() == Kind.TIME
          && before instanceof Instant instant
          && given.strip().equals(local(instant))) {
        input.put(field.name(), instant.toString());
      }
    }
  }

  /** Line breaks as the API stores them: LF, not a browser's CR LF. */
  private static String lineBreaks(String text) {
    return text.replace("\r\n", "\n");
  }
}
