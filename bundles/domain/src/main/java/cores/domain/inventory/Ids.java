package cores.domain.inventory;

import cores.api.web.FieldErrors;
import java.util.ArrayList;
import java.util.List;

/** Comma-separated id lists of query parameters ({@code lab=1,2,3}). */
public final class Ids {
  private Ids() {}

  /** The ids; a problem is recorded for the parameter when one is not a positive whole number. */
  public static List<Long> parse(String name, String value, FieldErrors errors) {
    List<Long> ids = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      try {
        long id = Long.parseLong(part.trim());
        if (id > 0) {
          ids.add(id);
          continue;
        }
      } catch (NumberFormatException e) {
        // recorded below
      }
      errors.check(name, "not a list of ids (e.g. 1,2,3): " + value);
      return List.of(0L);
    }
    return ids;
  }
}
