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
 * @param text for text: what it holds ({@link Text}): a name, a line of prose, or several lines
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
    Text text) {

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
    this(name, column, kind, required, max, target, choices, writable, initial, Text.NAME);
  }

  /**
   * What a text holds, which decides the characters it may hold: a name identifies something (a
   * hostname, a code) and holds no invisible formatting character; a line of prose (a title, a
   * person's or company's name) is written in people's scripts, some of which need zero-width
   * joiners, and only refuses direction controls; several lines are free text.
   */
  public enum Text {
    NAME,
    PROSE,
    LINES
  }

  /**
   * Whether the text holds several lines (a comment, a notice's message), which every form then
   * edits in a box that keeps line breaks.
   */
  public boolean lines() {
    return text == Text.LINES;
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
    return new Field(name, name, Kind.TEXT, required, max, null, List.of(), true, null, Text.LINES);
  }

  /** A line of prose: a title, a person's or company's name ({@link Text#PROSE}). */
  public static Field prose(String name, int max, boolean required) {
    return new Field(name, name, Kind.TEXT, required, max, null, List.of(), true, null, Text.PROSE);
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
    return new Field(name, column, kind, required, max, target, choices, writable, value, text);
  }

  /** Derived by the domain: shown, never accepted. */
  public Field derived() {
    return new Field(name, column, kind, false, max, target, choices, false, null, text);
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
