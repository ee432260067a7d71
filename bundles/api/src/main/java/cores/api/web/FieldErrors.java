package cores.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects problems per field and answers 400 with all of them at once. */
public final class FieldErrors {
  /**
   * The problem of a null sent to change a field that has no empty value (a yes/no, a choice with a
   * default): taking it as "unchanged" would lose what was sent, and as the default would change
   * what was not meant. Since 1.19.0.
   */
  public static final String NOT_NULL = "may not be null: leave it out to keep it";

  /**
   * The problem of a read-only field (an id, a creation time) sent with another value than the row
   * has: one sent with the value it has is taken and ignored, so that a row read may be sent back,
   * as to the original (DRF); another value is refused, never silently ignored. Since 1.20.0.
   */
  public static final String READ_ONLY = "read-only: send the value it has, or leave it out";

  /** How the schema of a write describes a read-only field it takes. Since 1.20.0. */
  public static final String READ_ONLY_DESCRIPTION =
      "read-only: taken only with the value it has, so that a row read may be sent back";

  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  /** Records the problem unless it is null. */
  public FieldErrors check(String field, String problem) {
    if (problem != null) {
      errors.computeIfAbsent(field, f -> new ArrayList<>()).add(problem);
    }
    return this;
  }

  /**
   * Records "unknown field" for each field of the body that is not known: a field a request does
   * not take is refused, not ignored. Since 1.9.0.
   */
  public FieldErrors onlyKnown(Map<String, ?> body, Set<String> known) {
    body.keySet().stream()
        .filter(field -> !known.contains(field))
        .forEach(field -> check(field, "unknown field"));
    return this;
  }

  /** Throws {@link ProblemException#invalid} with every problem recorded, if there is any. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }

  /** The 400 answer for one problem with one field. */
  public static ProblemException single(String field, String problem) {
    return ProblemException.invalid(Map.of(field, List.of(problem)));
  }
}
