package cores.domain.inventory;

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
 * @param choices for choices: the allowed values
 * @param writable false for attributes the domain derives
 */
public record Field(
    String name,
    String column,
    Kind kind,
    boolean required,
    int max,
    String target,
    List<String> choices,
    boolean writable) {

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
    TIME
  }

  static Field text(String name, int max, boolean required) {
    return new Field(name, name, Kind.TEXT, required, max, null, List.of(), true);
  }

  static Field text(String name, int max) {
    return text(name, max, false);
  }

  static Field bool(String name) {
    return new Field(name, quoted(name), Kind.BOOL, false, 0, null, List.of(), true);
  }

  static Field number(String name, int min) {
    return new Field(name, name, Kind.INT, true, min, null, List.of(), true);
  }

  static Field ref(String name, String target, boolean required) {
    return new Field(name, name + "_id", Kind.REF, required, 0, target, List.of(), true);
  }

  static Field address(String name, Kind kind, boolean required) {
    return new Field(name, quoted(name), kind, required, 0, null, List.of(), true);
  }

  static Field choice(String name, List<String> choices) {
    return new Field(name, name, Kind.CHOICE, false, 0, null, choices, true);
  }

  /** Derived by the domain: shown, never accepted. */
  Field derived() {
    return new Field(name, column, kind, false, max, target, choices, false);
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
