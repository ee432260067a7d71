package cores.admin;

import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import cores.api.web.RefusedQuery;
import cores.api.web.SentTwice;
import cores.api.web.StorableText;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list's filter values the desk refused (not an option: an edited URL), dropped so that the list
 * shows without them, and its links keep none of them, each named with why; so too a search or
 * filter holding text PostgreSQL would not store, which the pages' application set aside ({@link
 * RefusedQuery}), and a bulk action's forged field.
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

  /**
   * The search and filters set aside before the list was asked ({@link RefusedQuery}), each named
   * with its problem among the problems.
   *
   * @return the status to answer: 400 when any was set aside, else {@code status}
   */
  static int setAside(
      Map<String, List<String>> refused, AdminModel model, List<String> problems, int status) {
    refused.forEach(
        (name, messages) ->
            messages.forEach(m -> problems.add(label(model, name) + ": " + m + " Not applied.")));
    return refused.isEmpty() ? status : 400;
  }

  /**
   * Django's admin's own parameters in an address bookmarked from the original (a filter {@code
   * status__exact=offline}, the order {@code o=2}, the page {@code p=1}), which Cores' lists do not
   * read, each named: ignored, the list showed every host as if it were the offline ones.
   */
  static List<String> djangos(Set<String> parameters) {
    return parameters.stream()
        .filter(p -> p.contains("__") || DJANGO.contains(p))
        .sorted()
        .map(
            p ->
                "Parameter "
                    + p
                    + ": Django's admin's, which Cores does not read; not applied. Choose the"
                    + " search, filters and order on this page.")
        .toList();
  }

  private static final Set<String> DJANGO = Set.of("o", "p", "e", "all");

  private static String label(AdminModel model, String name) {
    if ("q".equals(name)) {
      return "Search";
    }
    return model.filters().contains(name)
        ? "Filter " + model.field(name).orElseThrow().label()
        : "Parameter " + name;
  }

  /**
   * The problems of a bulk action's form: a field holding text PostgreSQL would not store ({@link
   * StorableText}; none is typed, so it was forged), a field sent twice but the rows ({@link
   * #twice}), else no action chosen. None when it may go on.
   */
  static Bulk bulk(MultivaluedMap<String, String> posted) {
    List<String> problems = new ArrayList<>();
    StorableText.problems(posted)
        .forEach(
            (field, messages) ->
                messages.forEach(m -> problems.add("Nothing was done: field " + field + ": " + m)));
    boolean forged = !problems.isEmpty();
    if (!forged) {
      problems.addAll(twice(posted));
    }
    if (!forged && PostedForm.first(posted, "action").isBlank()) {
      problems.add("No action was chosen: choose one for the selected rows, then Go.");
    }
    return new Bulk(problems, forged);
  }

  /** The rows a list's form may tick or list more than once; no other field is sent twice. */
  private static final Set<String> ROWS = Set.of("ids", Selection.PAGE_IDS);

  /**
   * The fields of a list's or a confirmation's form sent twice but their rows ({@link SentTwice}),
   * each named with its problem; empty when none was.
   */
  static List<String> twice(MultivaluedMap<String, String> posted) {
    List<String> problems = new ArrayList<>();
    SentTwice.problems(posted, ROWS::contains)
        .forEach(
            (field, messages) ->
                messages.forEach(m -> problems.add("Nothing was done: field " + field + ": " + m)));
    return problems;
  }

  /**
   * What {@link #bulk} found, from one look at the posted fields.
   *
   * @param problems what to say; empty when the action may go on
   * @param forged whether a field was forged: the form is then not shown again as it was posted
   */
  record Bulk(List<String> problems, boolean forged) {
    Bulk {
      problems = List.copyOf(problems);
    }
  }
}
