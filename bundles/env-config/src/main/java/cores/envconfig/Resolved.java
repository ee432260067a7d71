package cores.envconfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration with the environment's values.
 *
 * @param sources the variable each property was read from, where it was one placeholder
 * @param switchedBy the switch of the feature or plugin that declared it
 */
public record Resolved(
    String pid,
    Map<String, Object> properties,
    Map<String, String> sources,
    Optional<Switch> switchedBy) {

  /** {@code {property}} in a component's reason for refusing a configuration. */
  private static final Pattern REFERENCE = Pattern.compile("\\{([A-Za-z0-9_.-]+)\\}");

  public Resolved {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    sources = Map.copyOf(sources);
  }

  /** A configuration the launcher writes itself, not from a declaration. */
  public Resolved(String pid, Map<String, Object> properties, Map<String, String> sources) {
    this(pid, properties, sources, Optional.empty());
  }

  /**
   * How an operator reads a component's refusal of a property: {@code VARIABLE: reason}, with
   * {@code {other}} properties in the reason named by their variables, and a bare "required"
   * completed with the switch that made it so ("required when LDAP_AUTH is True"). Empty when the
   * property was not read from a variable.
   */
  public Optional<String> explain(String property, String reason) {
    String variable = sources.get(property);
    if (variable == null) {
      return Optional.empty();
    }
    Matcher m = REFERENCE.matcher(reason);
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          text, Matcher.quoteReplacement(sources.getOrDefault(m.group(1), m.group(1))));
    }
    m.appendTail(text);
    if (text.toString().equals("required") && switchedBy.isPresent()) {
      text.append(" when ").append(switchedBy.get().condition());
    }
    return Optional.of(variable + ": " + text);
  }

  /** The property names only: configurations hold secrets and are logged this way. */
  @Override
  public String toString() {
    return pid + properties.keySet();
  }
}
