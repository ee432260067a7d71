package cores.accounts;

import cores.api.web.Characters;
import cores.api.web.EmailAddresses;
import cores.api.web.JsonShape;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of user input shared by the services and the REST resources; null means valid. */
public final class Validation {
  public static final int USERNAME_MAX = 150;
  public static final int NAME_MAX = 150;
  public static final int EMAIL_MAX = 254;

  /** Django's username rule: letters, digits and @.+-_ (letters and digits of any script). */
  private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}@.+_-]+");

  /** What {@link #username} lets through, as a JSON Schema. */
  public static final Map<String, Object> USERNAME_SCHEMA =
      Map.of(
          "type",
          "string",
          "maxLength",
          USERNAME_MAX,
          "pattern",
          "^" + USERNAME.pattern() + "$",
          "description",
          "letters, digits and @.+-_");

  /**
   * What {@link #name} lets through (null: left alone or the default). Its rule for a new name (one
   * line, no direction control) is said, not a pattern: a name stored before it is taken back
   * unchanged, and a client validating what it sends against this schema must not refuse the name
   * it read.
   */
  public static final Map<String, Object> NAME_SCHEMA =
      JsonShape.nullable(
          Map.of(
              "type",
              "string",
              "maxLength",
              NAME_MAX,
              "description",
              "one line: no line break or other control character (Unicode category Cc, U+2028,"
                  + " U+2029), no Unicode direction control (U+202A to U+202E, U+2066 to U+2069);"
                  + " a name stored before this rule may be sent back as it is"));

  /**
   * What {@link #email} lets through when not required: empty or an address, said, not a pattern,
   * as {@link #NAME_SCHEMA}: an address stored before the check is taken back unchanged.
   */
  public static final Map<String, Object> EMAIL_SCHEMA =
      JsonShape.nullable(
          Map.of(
              "type",
              "string",
              "maxLength",
              EMAIL_MAX,
              "description",
              "empty or an email address; one stored before this check may be sent back as it"
                  + " is"));

  private Validation() {}

  public static String username(String value) {
    if (value == null || value.isEmpty()) {
      return "required";
    }
    String tooLong = Characters.atMost(value, USERNAME_MAX);
    if (tooLong != null) {
      return tooLong;
    }
    if (!USERNAME.matcher(value).matches()) {
      return "only letters, digits and @.+-_ are allowed";
    }
    return null;
  }

  /** Any username the table can hold: what external providers vouch for is taken as it is. */
  public static String storableUsername(String value) {
    if (value == null || value.isEmpty()) {
      return "required";
    }
    return Characters.atMost(value, USERNAME_MAX);
  }

  /** An email address; blank is allowed unless required. */
  public static String email(String value, boolean required) {
    return email(value, required, null);
  }

  /**
   * {@link #email} of a change of the address now {@code stored}: kept as it is, it is taken
   * ({@link EmailAddresses#problem(String, int, String)}).
   */
  public static String email(String value, boolean required, String stored) {
    if (value == null || value.isEmpty()) {
      return required ? "required" : null;
    }
    return EmailAddresses.problem(value, EMAIL_MAX, stored);
  }

  /**
   * A first or last name replacing {@code stored} (null for a new user): one line, without
   * direction controls. A value equal to the stored one is taken as it is (its length still
   * checked), so that a name stored before these rules (the original's data, a directory's) does
   * not block an edit of the user's other fields.
   */
  public static String name(String value, String stored) {
    String tooLong = Characters.atMost(value, NAME_MAX);
    if (tooLong != null || value == null || value.equals(stored)) {
      return tooLong;
    }
    String direction = Characters.directionControl(value);
    return direction != null ? direction : Characters.oneLine(value);
  }

  /** Throws an {@link IllegalArgumentException} "field: problem" when the problem is not null. */
  public static void require(String field, String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(field + ": " + problem);
    }
  }
}
