package cores.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A form field sent more than once where the form sends it once: which of its values was meant is
 * not guessed, as the JSON API refuses a key sent twice. The one wording for the user pages' forms
 * and the admin's. Since 1.13.0.
 */
public final class SentTwice {
  /** The problem of a field sent more than once. */
  public static final String MESSAGE = "Sent twice: which of its values was meant is not guessed.";

  private SentTwice() {}

  /**
   * The problems of a posted form, at each field sent more than once that {@code many} does not
   * accept more than once (a multi-select's, a list's ticked rows), under its name as {@link
   * StorableText#shown}. Empty when there is none.
   */
  public static Map<String, List<String>> problems(
      Map<String, List<String>> posted, Predicate<String> many) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    if (posted != null) {
      posted.forEach(
          (name, values) -> {
            if (values != null && values.size() > 1 && !many.test(name)) {
              problems.put(StorableText.shown(name), List.of(MESSAGE));
            }
          });
    }
    return problems;
  }
}
