package cores.launcher.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Configuration Admin configuration: the PID and its properties (String, Integer, Long, Boolean
 * values only, so any bundle can read them without sharing classes with the launcher).
 *
 * @param sources the variable each property was written from, where there is one: a component that
 *     refuses a property is reported by the variable's name
 */
public record PidConfiguration(
    String pid, Map<String, Object> properties, Map<String, Variable> sources) {

  public PidConfiguration {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    sources = Map.copyOf(sources);
  }

  public PidConfiguration(String pid, Map<String, Object> properties) {
    this(pid, properties, Map.of());
  }

  /** The property names only: configurations hold secrets and are logged this way. */
  @Override
  public String toString() {
    return pid + properties.keySet();
  }
}
