package cores.accounts.rest;

import cores.api.accounts.Permissions;
import cores.api.web.Characters;
import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Checks of permission and group names; null means valid. */
final class Names {
  static final int PERMISSION_MAX = 255;
  static final int GROUP_MAX = 150;

  /** A list of permission names as {@link #permissions} takes it, as a JSON Schema. */
  static final Map<String, Object> PERMISSIONS_SCHEMA =
      JsonShape.arrayOf(
          Map.of(
              "type",
              "string",
              "maxLength",
              PERMISSION_MAX,
              "pattern",
              "^" + Permissions.NAME.pattern() + "$"));

  private Names() {}

  static String permission(String value) {
    if (value == null
        || value.length() > PERMISSION_MAX
        || !Permissions.NAME.matcher(value).matches()) {
      return "not a permission name (app.action_model): " + value;
    }
    return null;
  }

  /**
   * Checks the permissions given to a user or group: each of the shape of a permission, and one
   * that exists ({@link cores.accounts.KnownPermissions}) unless it is held already, so that a save
   * keeps the permissions of a model whose bundle is gone.
   */
  static void permissions(
      FieldErrors errors,
      String field,
      List<String> given,
      Set<String> held,
      Supplier<Set<String>> known) {
    Set<String> names = null;
    for (String name : given) {
      String error = permission(name);
      if (error == null && !held.contains(name)) {
        names = names == null ? known.get() : names;
        error = names.contains(name) ? null : "no such permission: " + name;
      }
      errors.check(field, error);
    }
  }

  static String group(String value) {
    if (value == null || value.isBlank()) {
      return "required";
    }
    return Characters.atMost(value, GROUP_MAX);
  }
}
