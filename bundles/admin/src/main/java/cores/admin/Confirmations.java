package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.require;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The confirmation of a delete (what goes with the objects, what stops it) or of a bulk action (the
 * bookings and reservations it affects), posted back to do it.
 */
final class Confirmations {
  /**
   * The objects a confirmation names at most, the others counted: "select all" on a large lab's
   * hosts made a page of every host's name, each read for it.
   */
  static final int LISTED = 100;

  private Confirmations() {}

  /**
   * The confirmation; {@code action} null for a delete.
   *
   * @param holds the bookings and reservations ahead that the action affects, as the caller found
   *     them deciding to confirm it (worked out once a request); none for a delete
   */
  static Response page(
      AdminPages pages,
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      List<Long> ids,
      String action,
      List<AdminDesk.Hold> holds,
      List<String> problems,
      int status) {
    ConfirmPage view =
        view(
            pages.desk(),
            visitor,
            model,
            ids,
            action,
            holds,
            problems,
            pages.zone(),
            kept(request));
    return pages.page(request, status, title(model, ids, action), "confirm.jte", view);
  }

  /**
   * The list's query as it was left: carried to an object's delete ({@link KeptFilters#PARAM}), or
   * the list's own when a bulk action was posted to it.
   */
  static String kept(ContainerRequestContext request) {
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    String carried = query.getFirst(KeptFilters.PARAM);
    return carried != null ? KeptFilters.parse(carried) : KeptFilters.of(query);
  }

  /** The page's title: what is done, to how many. */
  private static String title(AdminModel model, List<Long> ids, String action) {
    String plural = model.pluralInSentence();
    return verb(model, action)
        + (action == null ? " " : " for ")
        + (ids.size() == 1 ? model.singular() : ids.size() + " " + plural);
  }

  /** What is done: "Delete", or the action's label. */
  static String verb(AdminModel model, String action) {
    return action == null ? "Delete" : model.actions().getOrDefault(action, action);
  }

  /**
   * What the confirmation shows: the first {@link #LISTED} objects named in one read, and what goes
   * with them all.
   */
  static ConfirmPage view(
      AdminDesk desk,
      Visitor visitor,
      AdminModel model,
      List<Long> ids,
      String action,
      List<AdminDesk.Hold> holds,
      List<String> problems,
      SiteZone zone,
      String kept) {
    User user = visitor.user().orElseThrow();
    boolean delete = action == null;
    require(visitor, model, delete ? "delete" : "view");
    // an action's label ("Set status: missing") is read before "for" what it is done to
    String plural = model.pluralInSentence();
    String to = delete ? " " : " for ";
    String what =
        ids.size() == 1 ? "this " + model.singular() : "these " + ids.size() + " " + plural;
    Views.Allowed allowed = allowed(visitor, model);
    Map<Long, String> labels =
        new LinkedHashMap<>(desk.labels(model, ids.subList(0, Math.min(ids.size(), LISTED))));
    List<ConfirmPage.Referring> referrers = new ArrayList<>();
    if (delete) {
      for (AdminDesk.Referrers found : desk.referrers(user, model, ids)) {
        // linked where the visitor may see them: the list is theirs to look at, the names only
        AdminModel theirs =
            desk.models().stream()
                .filter(m -> m.app().equals(found.app()) && m.name().equals(found.model()))
                .findFirst()
                .orElse(null);
        boolean seen = theirs != null && AdminAccess.may(visitor, theirs, "view");
        referrers.add(
            new ConfirmPage.Referring(found, seen ? allowed(visitor, theirs).url() : null));
      }
    }
    return new ConfirmPage(
        allowed,
        visitor.csrfToken(),
        verb(model, action) + to + what + "?",
        // the list's query goes on with the answer, for the list it leads back to
        delete
            ? allowed.url() + "/delete" + KeptFilters.carry(kept)
            : allowed.url() + (kept.isEmpty() ? "" : "?" + kept),
        action,
        delete ? "Yes, delete" : "Yes, do it",
        labels,
        List.copyOf(ids),
        delete ? desk.consequences(user, model, ids) : List.of(),
        delete ? desk.obstacles(user, model, ids) : List.of(),
        holds,
        problems,
        zone,
        referrers,
        kept);
  }
}
