package cores.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.FieldErrors;
import cores.api.web.RefusedQuery;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * The message of a redirect that led to a page, chosen by a code in its query ({@code
 * ?done=added&id=7}): fixed texts, and the object they name read from its desk by id, so that the
 * query cannot put text of its own on the page. As Django's admin: 'The host "web01" was added
 * successfully.', the object linked to its page where the visitor may open it.
 */
final class Messages {
  private static final Map<String, String> NAMED =
      Map.of("added", "\" was added successfully.", "changed", "\" was changed successfully.");

  private static final Map<String, String> PLAIN =
      Map.of(
          "added", "The %s was added.",
          "changed", "The %s was changed.",
          "deleted", "Successfully deleted %s.",
          "bulk", "%s",
          "none", "Nothing was selected.");

  /**
   * The code of a redirect's message that says an object asked for is not there, by its id (which
   * the address asked for held already), as Django's admin warns.
   */
  static final String GONE = "gone";

  /** The code of a redirect's message that names the bulk action done (its label the model's). */
  static final String ACTED = "acted";

  private Messages() {}

  /**
   * How many objects of the model, as a sentence says it, as Django's admin does: "1 host", "2
   * hosts", "2 NICs" ({@link AdminModel#pluralInSentence}).
   */
  static String count(AdminModel model, int n) {
    if (model == null) {
      return n == 1 ? "1 object" : n + " objects";
    }
    if (n == 1) {
      return "1 " + model.singular();
    }
    return n + " " + model.pluralInSentence();
  }

  /**
   * What a done bulk action says, as Django's admin: how many of the model and what the action did,
   * the phrase its model declares ({@link AdminModel#did}): "2 hosts were made bookable.", "1 host
   * was suspended."; an action declaring none by its label, and an edited query's none as changed.
   */
  static String acted(AdminModel model, String action, int n) {
    String did = model == null ? "changed" : model.did(action);
    return count(model, n) + (n == 1 ? " was " : " were ") + did + ".";
  }

  /**
   * Throws the 400 answer naming {@code done} when it was set aside ({@link RefusedQuery}: a NUL in
   * it), as every other such parameter of a page is answered, rather than the page without its
   * message.
   */
  static void refuseSetAside(ContainerRequestContext request) {
    List<String> problems = RefusedQuery.of(request).get("done");
    if (problems != null) {
      throw FieldErrors.single("done", problems.get(0));
    }
  }

  /** The redirect's message on a page of the model (null: the admin's index), or null. */
  static Views.Message of(
      AdminDesk desk, Visitor visitor, AdminModel model, MultivaluedMap<String, String> query) {
    return of(desk, visitor, model, query, null);
  }

  /**
   * The redirect's message, naming the one object deleted by {@code deleted} ({@link Deleted}, or
   * null when the delete was of several or its name is not carried).
   */
  static Views.Message of(
      AdminDesk desk,
      Visitor visitor,
      AdminModel model,
      MultivaluedMap<String, String> query,
      String deleted) {
    String done = query.getFirst("done");
    String id = query.getFirst("id");
    if (GONE.equals(done) && model != null && id != null && id.matches("[0-9]{1,18}")) {
      String object = model.singular();
      return Views.Message.warning(
          Character.toUpperCase(object.charAt(0))
              + object.substring(1)
              + " with ID \u201c"
              + Long.parseLong(id)
              + "\u201d doesn't exist. Perhaps it was deleted?");
    }
    String format = done == null ? null : PLAIN.get(done);
    if (format == null) {
      return null;
    }
    String object = model == null ? "object" : model.singular();
    if (model != null && NAMED.containsKey(done) && id != null && id.matches("[0-9]{1,18}")) {
      long shown = Long.parseLong(id);
      String url =
          AdminAccess.may(visitor, model, "view")
              ? AdminAccess.allowed(visitor, model).url() + "/" + shown
              : null;
      return new Views.Message(
          "The " + object + " \"", desk.label(model, shown), url, NAMED.get(done));
    }
    if ("deleted".equals(done) || "bulk".equals(done)) {
      int n = PostedForm.pageNumber(query.getFirst("n"));
      if ("deleted".equals(done) && n == 1 && deleted != null && model != null) {
        // as Django's admin: the object by its name, no longer linked
        return new Views.Message(
            "The " + object + " \"", deleted, null, "\" was deleted successfully.");
      }
      if ("bulk".equals(done)) {
        return Views.Message.of(String.format(format, acted(model, query.getFirst(ACTED), n)));
      }
      return Views.Message.of(String.format(format, count(model, n)));
    }
    return Views.Message.of(String.format(format, object));
  }
}
