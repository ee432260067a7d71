package cores.envconfig;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variable that turns a feature or plugin on.
 *
 * @param variable the variable's name
 * @param when {@link When#TRUE}: on when the variable is a true word; {@link When#SET}: on when it
 *     is set to anything but a false word (SMTP_SERVER names a host or is False)
 * @param slot features that fill the same slot exclude each other (one login provider): of those
 *     switched on, only the one of the highest {@code rank} is; empty for none
 * @param rank the precedence within the slot, higher first
 */
public record Switch(String variable, When when, Optional<String> slot, int rank) {

  /** What a switch variable must say for it to be on. */
  public enum When {
    TRUE,
    SET
  }

  /**
   * A switch as a feature file writes it: {@code {"variable": "LDAP_AUTH", "when": "true", "slot":
   * "login", "rank": 300}}; {@code when} is {@code true} (the default) or {@code set}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Switch of(Map<String, ?> json) {
    Object variable = json.get("variable");
    if (!(variable instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException("a switch needs a \"variable\"");
    }
    Object when = json.get("when");
    When kind;
    if (when == null || "true".equals(when)) {
      kind = When.TRUE;
    } else if ("set".equals(when)) {
      kind = When.SET;
    } else {
      throw new IllegalArgumentException("switch " + name + ": \"when\" is \"true\" or \"set\"");
    }
    Object slot = json.get("slot");
    if (slot != null && !(slot instanceof String)) {
      throw new IllegalArgumentException("switch " + name + ": \"slot\" is a name");
    }
    Object rank = json.get("rank");
    if (rank != null && !(rank instanceof Integer)) {
      throw new IllegalArgumentException("switch " + name + ": \"rank\" is a whole number");
    }
    return new Switch(
        name, kind, Optional.ofNullable((String) slot), rank == null ? 0 : (Integer) rank);
  }

  /**
   * @throws SwitchException when a true-or-false switch says neither, or a switch that takes a
   *     value (SMTP_SERVER: a host) says only "true": no host is called True
   */
  public boolean isOn(Map<String, String> env) throws SwitchException {
    String raw = env.get(variable);
    if (raw == null || raw.isBlank()) {
      return false;
    }
    String value = raw.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (isFalse(lower)) {
      return false;
    }
    if (when == When.SET && isTrue(lower)) {
      throw new SwitchException(
          variable,
          "\""
              + value
              + "\" is a boolean, not a value: give the value it takes (e.g. a host name),"
              + " or False to switch it off");
    }
    if (when == When.SET || isTrue(lower)) {
      return true;
    }
    throw new SwitchException(variable, "\"" + value + "\" is not a boolean (use True or False)");
  }

  /** How a message says that the switch is on: "LDAP_AUTH is True", "SMTP_SERVER is set". */
  public String condition() {
    return variable + (when == When.TRUE ? " is True" : " is set");
  }

  static boolean isTrue(String lower) {
    return lower.equals("true") || lower.equals("1") || lower.equals("yes");
  }

  static boolean isFalse(String lower) {
    return lower.equals("false") || lower.equals("0") || lower.equals("no");
  }
}
