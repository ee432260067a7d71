package cores.api.admin;

import cores.api.web.Choices;
import java.util.List;
import java.util.Map;

/**
 * One field of a model as a form shows and accepts it.
 *
 * @param name the field's name (the API's)
 * @param kind {@code text}, {@code longtext}, {@code int}, {@code bool}, {@code ref}, {@code mac},
 *     {@code inet}, {@code cidr}, {@code choice}, {@code multi}, {@code permissions}, {@code time},
 *     {@code date}, {@code email} or {@code password}. A {@code multi} field holds any number of
 *     values, one a line: of its {@code choices}, or with a {@code target} the ids of the
 *     referenced model's objects ({@link AdminDesk#options}). A {@code permissions} field is a
 *     multi of permission names, offering those of every model the admin shows. A {@code password}
 *     is written, never shown.
 * @param required whether it must have a value
 * @param writable false for fields the domain derives (shown, never edited)
 * @param choices the allowed values of a choice or a multi
 * @param target for a reference: the referenced model's name
 * @param initial what the add form holds before anything is entered: the domain's default as the
 *     form gives it ({@code true} for a yes/no box ticked by default such as a user's {@code
 *     is_active}, a choice's default value), or null for an empty field (an unticked box)
 * @param fixed whether it is given when the object is added and never changed after (a booking's
 *     start): the change form shows it, not to be edited. Since 1.7.0.
 * @param choiceLabels how a form names some of its choices (a notice's priority {@code 0} is {@code
 *     0 (very high)}); the others are named by their value. For a reference, the label of the empty
 *     value names no reference (a notice without a target is for {@code Everyone}). Since 1.7.0.
 * @param verboseName how the admin names the field, as Django's {@code verbose_name} (a user's
 *     {@code is_staff} is "Staff status"), or null for the name's words ({@link #label}). Since
 *     1.14.0.
 * @param helpText what the form says under the field, as Django's {@code help_text}, or null for
 *     nothing. Since 1.14.0.
 */
public record AdminField(
    String name,
    String kind,
    boolean required,
    boolean writable,
    List<String> choices,
    String target,
    String initial,
    boolean fixed,
    Map<String, String> choiceLabels,
    String verboseName,
    String helpText) {
  public AdminField {
    choices = List.copyOf(choices);
    choiceLabels = Map.copyOf(choiceLabels);
  }

  /** A field named by its name's words, with no help text. */
  public AdminField(
      String name,
      String kind,
      boolean required,
      boolean writable,
      List<String> choices,
      String target,
      String initial,
      boolean fixed,
      Map<String, String> choiceLabels) {
    this(name, kind, required, writable, choices, target, initial, fixed, choiceLabels, null, null);
  }

  /** A field that may be changed after the object is added. */
  public AdminField(
      String name,
      String kind,
      boolean required,
      boolean writable,
      List<String> choices,
      String target,
      String initial) {
    this(name, kind, required, writable, choices, target, initial, false, Map.of());
  }

  /** A field that starts empty on the add form. */
  public AdminField(
      String name,
      String kind,
      boolean required,
      boolean writable,
      List<String> choices,
      String target) {
    this(name, kind, required, writable, choices, target, null, false, Map.of());
  }

  /**
   * How a form names one of its choices: its label, else as every page names a stored choice
   * ({@link cores.api.web.Choices#label}).
   */
  public String choiceLabel(String choice) {
    return choiceLabels.getOrDefault(choice, Choices.label(choice));
  }

  /**
   * How the admin names the field in list headings, filters and forms, as Django's verbose names:
   * its {@link #verboseName} when it has one, else its name's words with spaces, the first
   * capitalised, abbreviations in capitals and the words the name runs together apart ("hostname" →
   * "Hostname", "lastseen" → "Last seen", "mac" → "MAC", "ip" → "IP address", "vm_host" → "VM
   * host"). Capitalised since 1.10.0.
   */
  public String label() {
    return verboseName != null ? verboseName : labelOf(name);
  }

  /** This field named and explained as given (either may be null). Since 1.14.0. */
  public AdminField described(String verboseName, String helpText) {
    return new AdminField(
        name,
        kind,
        required,
        writable,
        choices,
        target,
        initial,
        fixed,
        choiceLabels,
        verboseName,
        helpText);
  }

  /**
   * A field's {@link #label} from its name alone, for a name no model's field holds (a change's
   * {@code id}, a field since removed). Since 1.11.0.
   */
  public static String labelOf(String name) {
    StringBuilder label = new StringBuilder();
    for (String word : name.split("_")) {
      label.append(label.length() == 0 ? "" : " ").append(WORDS.getOrDefault(word, word));
    }
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }

  /** The words of field names that {@link #label} spells otherwise. */
  private static final Map<String, String> WORDS =
      Map.of(
          "ip", "IP address",
          "mac", "MAC",
          "vm", "VM",
          "id", "ID",
          "lastseen", "last seen",
          "firstseen", "first seen",
          "diskvendor", "disk vendor",
          "cardtype", "card type");
}
