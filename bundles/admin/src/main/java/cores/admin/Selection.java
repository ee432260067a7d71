package cores.admin;

import static cores.admin.PostedForm.id;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rows a list's bulk action is for, as its form chose them: the ticked ones, all on the page,
 * or all matching the list's search and filters (its query, which the form is posted to). A choice
 * of the form, so that selecting all works without JavaScript.
 */
final class Selection {
  /** The form's field choosing which rows. */
  static final String SELECT = "select";

  /** Every row of the page shown, whether ticked or not. */
  static final String PAGE = "page";

  /** Every row matching the search and filters, on every page. */
  static final String ALL = "all";

  /** The ids of the page's rows, posted with its form. */
  static final String PAGE_IDS = "page_ids";

  private Selection() {}

  /** The ids of the chosen rows, each once, in their order. */
  static List<Long> ids(
      AdminDesk desk,
      User user,
      AdminModel model,
      MultivaluedMap<String, String> query,
      MultivaluedMap<String, String> posted) {
    String select = posted.getFirst(SELECT);
    if (ALL.equals(select)) {
      return matching(desk, user, model, query);
    }
    List<String> given = posted.get(PAGE.equals(select) ? PAGE_IDS : "ids");
    List<Long> ids = new ArrayList<>();
    if (given != null) {
      given.forEach(text -> ids.add(id(text)));
    }
    return ids.stream().distinct().toList();
  }

  /** At most this many rows are selected at once: the pages a list may show. */
  static final int MAX_SELECTED = PostedForm.MAX_PAGE * AdminDesk.PAGE_SIZE;

  /** What the form chose, to be shown again as it was when the action is refused. */
  static Views.Chosen chosen(MultivaluedMap<String, String> posted) {
    Set<String> ticked = new LinkedHashSet<>();
    posted.getOrDefault("ids", List.of()).stream().map(String::strip).forEach(ticked::add);
    return new Views.Chosen(
        ticked, orEmpty(posted.getFirst(SELECT)), orEmpty(posted.getFirst("action")));
  }

  /** Every row the list's query finds, in its order: the desk reads their ids at once. */
  private static List<Long> matching(
      AdminDesk desk, User user, AdminModel model, MultivaluedMap<String, String> query) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String filter : model.filters()) {
      String value = query.getFirst(filter);
      if (value != null && !value.isEmpty()) {
        filters.put(filter, value);
      }
    }
    String search = orEmpty(query.getFirst("q"));
    String sort = orEmpty(query.getFirst("sort"));
    // one more than may be selected: finding it says there are too many
    List<Long> ids = desk.ids(user, model, search, filters, sort, MAX_SELECTED + 1);
    if (ids.size() > MAX_SELECTED) {
      throw ProblemException.badRequest(
          "Too many rows to select at once: narrow the list with its search or filters.");
    }
    return ids;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** What a done bulk action says: how many it changed. */
  static String done(AdminModel model, String action, AdminDesk.Done done) {
    if (done.changed() == 0) {
      return "Nothing was changed.";
    }
    return Messages.acted(model, action, done.changed());
  }

  /**
   * What is said of the selected ids whose objects no longer exist (deleted since the list was
   * shown, an edited id): when none is left, that nothing was done; else that they were left out.
   */
  static String gone(AdminModel model, List<Long> gone, boolean none) {
    String named =
        gone.stream().limit(MAX_NAMED).map(id -> "#" + id).collect(Collectors.joining(", "))
            + (gone.size() > MAX_NAMED ? " and " + (gone.size() - MAX_NAMED) + " more" : "");
    String what = gone.size() == 1 ? model.singular() + " " : model.pluralInSentence() + " ";
    return none
        ? "Nothing was done: the selected "
            + what
            + named
            + (gone.size() == 1 ? " no longer exists." : " no longer exist.")
        : "Left out, no longer there: " + what + named + ".";
  }

  /** The most ids of objects gone that a message names. */
  private static final int MAX_NAMED = 20;

  /** The rows a bulk action left as they were, each with why. */
  static List<String> skipped(AdminDesk.Done done) {
    return done.skipped().stream().map(s -> "Left as it was: " + s).toList();
  }
}
