package cores.admin;

import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A list's filter values the desk refused (not an option: an edited URL), dropped so that the list
 * shows without them, and its links keep none of them, each named with why.
 */
final class RefusedFilters {
  private RefusedFilters() {}

  /**
   * Drops the refused filters from those chosen and from the list's query; every filter when the
   * refusal names none.
   *
   * @return the problems to show, one a refused filter
   */
  static List<String> dropped(
      AdminModel model,
      ProblemException refusal,
      Map<String, String> chosen,
      Map<String, String> query) {
    List<String> problems = new ArrayList<>();
    for (String filter : model.filters()) {
      List<String> messages = refusal.errors().get(filter);
      if (messages != null) {
        chosen.put(filter, "");
        query.remove(filter);
        String label = model.field(filter).orElseThrow().label();
        messages.forEach(m -> problems.add("Filter " + label + ": " + m + "; not applied."));
      }
    }
    if (problems.isEmpty()) {
      chosen.replaceAll((filter, value) -> "");
      model.filters().forEach(query::remove);
      problems.add(refusal.detail() + " The filters were not applied.");
    }
    return problems;
  }
}
