package cores.admin;

import static cores.admin.AdminAccess.allowed;
import static cores.admin.AdminAccess.require;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The confirmation of a delete (what goes with the objects, what stops it) or of a bulk action (the
 * bookings and reservations it affects), posted back to do it.
 */
final class Confirmations {
  private Confirmations() {}

  /** The confirmation; {@code action} null for a delete. */
  static Response page(
      AdminPages pages,
      ContainerRequestContext request,
      Visitor visitor,
      AdminModel model,
      List<Long> ids,
      String action,
      List<String> problems,
      int status) {
    AdminDesk desk = pages.desk();
    User user = visitor.user().orElseThrow();
    boolean delete = action == null;
    require(visitor, model, delete ? "delete" : "view");
    String verb = delete ? "Delete" : model.actions().getOrDefault(action, action);
    // an action's label ("Set status: missing") is read before "for" what it is done to
    String plural = model.plural().toLowerCase(Locale.ROOT);
    String to = delete ? " " : " for ";
    String what = ids.size() == 1 ? "this " + model.name() : "these " + ids.size() + " " + plural;
    Views.Allowed allowed = allowed(visitor, model);
    Map<Long, String> labels = new LinkedHashMap<>();
    ids.forEach(id -> labels.put(id, desk.label(model, id)));
    List<Views.Referring> referrers = new ArrayList<>();
    if (delete) {
      for (AdminDesk.Referrers found : desk.referrers(user, model, ids)) {
        // linked where the visitor may see them: the list is theirs to look at, the names only
        AdminModel theirs =
            desk.models().stream()
                .filter(m -> m.app().equals(found.app()) && m.name().equals(found.model()))
                .findFirst()
                .orElse(null);
        boolean seen = theirs != null && AdminAccess.may(visitor, theirs, "view");
        referrers.add(new Views.Referring(found, seen ? allowed(visitor, theirs).url() : null));
      }
    }
    return pages.page(
        request,
        status,
        verb + to + (ids.size() == 1 ? model.name() : ids.size() + " " + plural),
        "confirm.jte",
        new Views.ConfirmPage(
            allowed,
            visitor.csrfToken(),
            verb + to + what + "?",
            delete ? allowed.url() + "/delete" : allowed.url(),
            action,
            delete ? "Yes, delete" : "Yes, do it",
            labels,
            delete ? desk.consequences(user, model, ids) : List.of(),
            delete ? desk.obstacles(user, model, ids) : List.of(),
            delete ? List.of() : desk.affected(user, model, action, ids),
            problems,
            pages.zone(),
            referrers));
  }
}
