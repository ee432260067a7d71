package cores.admin;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.web.Access;
import cores.api.web.ProblemException;
import cores.api.web.Visitor;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.Set;

/** Who may see and do what in the admin: the checks every admin page makes. */
final class AdminAccess {
  private AdminAccess() {}

  /** What the visitor may do with the model's objects, bar its bulk actions. */
  static Views.Allowed allowed(Visitor visitor, AdminModel model) {
    return new Views.Allowed(
        model,
        may(visitor, model, "view"),
        may(visitor, model, "add"),
        may(visitor, model, "change"),
        may(visitor, model, "delete"),
        Set.of());
  }

  /** What the visitor may do, with the bulk actions the desk lets the visitor run. */
  static Views.Allowed allowed(Visitor visitor, AdminModel model, AdminDesk desk) {
    return allowed(visitor, model, desk.actions(visitor.user().orElse(null), model));
  }

  /** What the visitor may do, with these bulk actions (those that apply to one object). */
  static Views.Allowed allowed(Visitor visitor, AdminModel model, Set<String> actions) {
    return new Views.Allowed(
        model,
        may(visitor, model, "view"),
        may(visitor, model, "add"),
        may(visitor, model, "change"),
        may(visitor, model, "delete"),
        actions);
  }

  /** What applies to the object of a change page; nothing on an add form (id 0). */
  static AdminDesk.Applicable applicable(AdminDesk desk, User user, AdminModel model, long id) {
    return id == 0
        ? new AdminDesk.Applicable(Set.of(), Map.of())
        : desk.applicable(user, model, id);
  }

  /** Whether the model takes the action at all, and the visitor has its permission. */
  static boolean may(Visitor visitor, AdminModel model, String action) {
    return model.allows(action) && visitor.may(model.permission(action));
  }

  /**
   * Whether a refusal is shown on its form: bad input, a conflict, or a right the visitor may not
   * give, named at its field (a 403 without a field is the whole page's).
   */
  static boolean refusedAtFields(ProblemException e) {
    return e.status() == 400 || e.status() == 409 || (e.status() == 403 && !e.errors().isEmpty());
  }

  /** Refuses the writes of a model its desk allows no one while impersonating (403). */
  static void requireWritable(ContainerRequestContext request, AdminModel model) {
    if (model.notWhileImpersonating() != null) {
      Access.requireNotImpersonating(request, model.notWhileImpersonating());
    }
  }

  /**
   * Refuses an action the model does not take at all (404: no such page, whoever asks) or whose
   * permission the visitor lacks (403, naming it).
   */
  static void require(Visitor visitor, AdminModel model, String action) {
    if (!model.allows(action)) {
      throw ProblemException.notFound(
          "The admin does not " + action + " " + model.pluralInSentence() + ".");
    }
    if (!may(visitor, model, action)) {
      throw Access.forbidden("This needs the permission " + model.permission(action) + ".");
    }
  }
}
