package cores.api.config;

import java.util.Locale;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationException;

/**
 * Checks of configuration values as the environment writes them: text, where a blank value counts
 * as unset. A refusal is a {@link ConfigurationException} naming the property; its reason may name
 * other properties as {@code {property}}, and a bare {@code required} is completed with the switch
 * that turned the feature on, so the operator reads "LDAP_BIND_DN: required when LDAP_AUTH is
 * True".
 */
public final class Settings {

  private Settings() {}

  /** The value without surrounding blanks; empty when it is unset or blank. */
  public static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * @throws ConfigurationException "required" when the value is unset or blank
   */
  public static String required(String property, String value) throws ConfigurationException {
    return text(value).orElseThrow(() -> new ConfigurationException(property, "required"));
  }

  /**
   * True, 1 or yes; False, 0 or no (any case); {@code otherwise} when unset.
   *
   * @throws ConfigurationException for anything else
   */
  public static boolean bool(String property, String value, boolean otherwise)
      throws ConfigurationException {
    Optional<String> text = text(value);
    if (text.isEmpty()) {
      return otherwise;
    }
    String lower = text.get().toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("1") || lower.equals("yes")) {
      return true;
    }
    if (lower.equals("false") || lower.equals("0") || lower.equals("no")) {
      return false;
    }
    throw new ConfigurationException(
        property, quote(text.get()) + " is not a boolean (use True or False)");
  }

  /**
   * A whole number from {@code min} to {@code max}; {@code otherwise} when unset.
   *
   * @throws ConfigurationException for anything else
   */
  public static int number(String property, String value, int min, int max, int otherwise)
      throws ConfigurationException {
    return whole(
        property, value, min, max, otherwise, "is not a whole number from " + min + " to " + max);
  }

  /**
   * A TCP port, 1 to 65535; {@code otherwise} when unset.
   *
   * @throws ConfigurationException for anything else
   */
  public static int port(String property, String value, int otherwise)
      throws ConfigurationException {
    return whole(property, value, 1, 65535, otherwise, "is not a port number (1 to 65535)");
  }

  private static int whole(
      String property, String value, int min, int max, int otherwise, String problem)
      throws ConfigurationException {
    Optional<String> text = text(value);
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below, with the property's name
    }
    throw new ConfigurationException(property, quote(text.get()) + " " + problem);
  }

  /** A value in double quotes, as refusals show it. */
  public static String quote(String value) {
    return "\"" + value + "\"";
  }
}
