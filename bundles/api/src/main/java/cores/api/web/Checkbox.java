package cores.api.web;

import java.util.Set;

/**
 * What a posted checkbox may send: what a ticked box sends, or nothing (an unticked box is not
 * posted). Any other value ({@code is_active=maybe}) was not sent by the form: reading it as
 * unticked would change the choice silently, so it is a problem at its field. The one rule for the
 * user pages' forms and the admin's. Since 1.19.0.
 */
public final class Checkbox {
  /** The problem of a checkbox sent with another value than a tick's. */
  public static final String NOT_A_TICK = "must be ticked or left out";

  /** What a ticked checkbox sends: "on" without a value attribute, the forms' "1", or "true". */
  private static final Set<String> TICKED = Set.of("on", "1", "true");

  private Checkbox() {}

  /** Whether the value is a ticked box's; false for none and for any other value. */
  public static boolean ticked(String value) {
    return value != null && TICKED.contains(value);
  }

  /** Whether the value is one a checkbox sends: a tick's, or nothing (null or empty). */
  public static boolean sound(String value) {
    return value == null || value.isEmpty() || ticked(value);
  }
}
