package cores.api.accounts;

import java.util.regex.Pattern;

/**
 * Permission names, {@code app.action_model} as in the original Cores. Every model has {@code
 * add_}, {@code change_}, {@code delete_} and {@code view_} permissions; a few extra ones are named
 * here because they are part of the contract.
 */
public final class Permissions {
  /** The shape of every permission name. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

  public static final String ADD_RESERVATION = "booking.add_reservation";
  public static final String VIEW_SCANCONFLICT = "live.view_scanconflict";
  public static final String CHANGE_SCANCONFLICT = "live.change_scanconflict";
  public static final String CHANGE_OFFLINEHOSTWARNING = "live.change_offlinehostwarning";

  private Permissions() {}

  /** The permission for an action on a model, e.g. {@code of("inventory", "view", "host")}. */
  public static String of(String app, String action, String model) {
    return app + "." + action + "_" + model;
  }
}
