package cores.envconfig;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration property a component refused, and why: what a {@code
 * org.osgi.service.cm.ConfigurationException} thrown at activation says, as Declarative Services
 * reports the failure (a stack trace, where the exception may be a cause).
 */
public record Refusal(String property, String reason) {

  /** How {@code ConfigurationException} prints itself: {@code <property> : <reason>}. */
  private static final Pattern REFUSED_PROPERTY =
      Pattern.compile("org\\.osgi\\.service\\.cm\\.ConfigurationException: (\\S+) : (.*)");

  /** The refusal in a component's failure, if that was one. */
  public static Optional<Refusal> in(String failure) {
    for (String line : failure.split("\\R")) {
      Matcher m = REFUSED_PROPERTY.matcher(line.replaceFirst("^Caused by: ", "").strip());
      if (m.matches()) {
        return Optional.of(new Refusal(m.group(1), m.group(2)));
      }
    }
    return Optional.empty();
  }
}
