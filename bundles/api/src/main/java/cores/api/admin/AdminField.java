package cores.api.admin;

import java.util.List;

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
 */
public record AdminField(
    String name,
    String kind,
    boolean required,
    boolean writable,
    List<String> choices,
    String target,
    String initial) {
  public AdminField {
    choices = List.copyOf(choices);
  }

  /** A field that starts empty on the add form. */
  public AdminField(
      String name,
      String kind,
      boolean required,
      boolean writable,
      List<String> choices,
      String target) {
    this(name, kind, required, writable, choices, target, null);
  }

  /** The field's label: its name with spaces ("asset_no" → "asset no"). */
  public String label() {
    return name.replace('_', ' ');
  }
}
