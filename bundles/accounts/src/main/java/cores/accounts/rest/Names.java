package cores.accounts.rest;

import cores.api.accounts.Permissions;

/** Checks of permission and group names; null means valid. */
final class Names {
  static final int PERMISSION_MAX = 255;
  static final int GROUP_MAX = 150;

  private Names() {}

  static String permission(String value) {
    if (value == null
        || value.length() > PERMISSION_MAX
        || !Permissions.NAME.matcher(value).matches()) {
      return "not a permission name (app.action_model): " + value;
    }
    return null;
  }

  static String group(String value) {
    if (value == null || value.isBlank()) {
      return "required";
    }
    return value.length() > GROUP_MAX ? "at most " + GROUP_MAX + " characters" : null;
  }
}
