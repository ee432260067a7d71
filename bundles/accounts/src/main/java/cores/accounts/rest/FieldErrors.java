package cores.accounts.rest;

import cores.api.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects problems per field and answers 400 with all of them at once. */
final class FieldErrors {
  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  /** Records the problem unless it is null. */
  FieldErrors check(String field, String problem) {
    if (problem != null) {
      errors.computeIfAbsent(field, f -> new ArrayList<>()).add(problem);
    }
    return this;
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  static ProblemException single(String field, String problem) {
    return ProblemException.invalid(Map.of(field, List.of(problem)));
  }
}
