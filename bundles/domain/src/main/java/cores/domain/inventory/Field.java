package cores.domain.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * One attribute of a model as the API shows and accepts it, and the column that stores it.
 *
 * @param name the JSON name
 * @param column the column (an identifier from this code, never from input)
 * @param kind how values are checked and stored
 * @param required whether a create must give it (otherwise the column's default applies)
 * @param max the longest text, or the smallest number
 * @param target for references: the referenced table
 * @param choices for choices: the allowed values; for numbers, if not empty, the allowed values
 * @param writable false for attributes the domain derives
 * @param initial what the admin's add form holds before anything is entered: the column's default
 *     as the form gives it, or null for an empty field (a yes/no box unticked)
 * @param lines for text: whether it holds several lines (a comment, a notice's message), which
 *     every form then edits in a box that keeps line breaks
 */
public record Field(
    String name,
    String column,
    Kind kind,
    boolean required,
    int max,
    String target,
    List<String> choices,
    boolean writable,
    String initial,
    boolean lines) {

  /** A single-line attribute whose add form starts as given. */
  public Field(
      String name,
      String column,
      Kind kind,
      boolean required,
      int max,
      String target,
      List<String> choices,
      boolean writable,
      String initial) {
    this(name, column, kind, required, max, target, choices, writable, initial, false);
  }

  /** An attribute whose add form starts empty. */
  public Field(
      String name,
      String column,
      Kind kind,
      boolean required,
      int max,
      String target,
      List<String> choices,
      boolean writable) {
    this(name, column, kind, required, max, target, choices, writable, null);
  }

  /** The kinds of values. */
  public enum Kind {
    TEXT,
    INT,
    BOOL,
    REF,
    MAC,
    INET,
    CIDR,
    CHOICE,
    /** An instant: ISO-8601 date-time, UTC when it has no offset. */
    TIME,
    /** A calendar date: ISO-8601 {@code yyyy-mm-dd}. */
    DATE,
    /** Text that is empty or an email address. */
    EMAIL
  }

  public static Field text(String name, int max, boolean required) {
    return new Field(name, name, Kind.TEXT, required, max, null, List.of(), true);
  }

  public static Field text(String name, int max) {
    return text(name, max, false);
  }

  /** Text of several lines: its line breaks are kept. */
  public static Field lines(String name, int max, boolean required) {
    return new Field(name, name, Kind.TEXT, required, max, null, List.of(), true, null, true);
  }

  public static Field bool(String name) {
    return new Field(name, quoted(name), Kind.BOOL, false, 0, null, List.of(), true);
  }

  public static Field number(String name, int min) {
    return new Field(name, name, Kind.INT, true, min, null, List.of(), true);
  }

  /** A whole number that is one of {@code from..to}. */
  public static Field number(String name, int from, int to) {
    List<String> allowed = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      allowed.add(String.valueOf(n));
    }
    return new Field(name, name, Kind.INT, false, from, null, List.copyOf(allowed), true);
  }

  public static Field ref(String name, String target, boolean required) {
    return ref(name, name + "_id", target, required);
  }

  /** A reference stored in a column not named after it. */
  public static Field ref(String name, String column, String target, boolean required) {
    return new Field(name, column, Kind.REF, required, 0, target, List.of(), true);
  }

  public static Field address(String name, Kind kind, boolean required) {
    return new Field(name, quoted(name), kind, required, 0, null, List.of(), true);
  }

  public static Field choice(String name, List<String> choices) {
    return new Field(name, name, Kind.CHOICE, false, 0, null, choices, true);
  }

  public static Field email(String name) {
    return new Field(name, name, Kind.EMAIL, false, 254, null, List.of(), true);
  }

  public static Field time(String name, String column) {
    return new Field(name, column, Kind.TIME, false, 0, null, List.of(), true);
  }

  public static Field date(String name, String column, boolean required) {
    return new Field(name, column, Kind.DATE, required, 0, null, List.of(), true);
  }

  /** The same attribute with the add form's initial value: its column's default. */
  public Field initially(String value) {
    return new Field(name, column, kind, required, max, target, choices, writable, value, lines);
  }

  /** Derived by the domain: shown, never accepted. */
  public Field derived() {
    return new Field(name, column, kind, false, max, target, choices, false, null, lines);
  }

  /** The column as a SELECT item: PostgreSQL's address types as text, labelled with the name. */
  String select() {
    String item =
        switch (kind) {
          case MAC, CIDR -> column + "::text";
          case INET -> "host(" + column + ")";
          default -> column;
        };
    return item + " AS \"" + name + "\"";
  }

  private static String quoted(String name) {
    // "primary" is a reserved word in SQL
    return "primary".equals(name) ? "\"primary\"" : name;
  }
}
