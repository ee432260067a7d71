package cores.domain.admin;

import cores.api.accounts.User;
import cores.api.admin.AdminModel;
import cores.api.web.Access;

/** Who may use the admin's desk: active staff (superusers are staff), each action by its right. */
final class StaffRights {
  private StaffRights() {}

  static boolean staff(User user) {
    return user != null && user.active() && (user.staff() || user.superuser());
  }

  static void requireStaff(User user) {
    if (!staff(user)) {
      throw Access.forbidden("The admin is for staff.");
    }
  }

  /** The permission for the action, on a model that takes it at all (read-only ones do not). */
  static void require(User user, AdminModel model, String action) {
    if (!model.allows(action)) {
      throw Access.forbidden("The admin does not " + action + " " + model.pluralInSentence() + ".");
    }
    require(user, model.permission(action));
  }

  static void require(User user, String permission) {
    if (!staff(user) || !user.hasPermission(permission)) {
      throw Access.forbidden("This needs the permission " + permission + ".");
    }
  }
}
