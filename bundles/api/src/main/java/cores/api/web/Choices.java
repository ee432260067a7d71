package cores.api.web;

/**
 * How pages name a stored choice, a host's or a bookable's status among them, so that the admin and
 * the user pages say the same: the API and the database keep the stored value ({@code on_loan}),
 * people read its words ({@code on loan}). Since 1.18.0.
 */
public final class Choices {
  private Choices() {}

  /** A stored choice as pages show it: its words, underscores as spaces. */
  public static String label(String value) {
    return value == null ? null : value.replace('_', ' ');
  }
}
