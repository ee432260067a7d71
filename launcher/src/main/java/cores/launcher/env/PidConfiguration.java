package cores.launcher.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Configuration Admin configuration: the PID and its properties (String, Integer, Long, Boolean
 * values only, so any bundle can read them without sharing classes with the launcher).
 */
public record PidConfiguration(String pid, Map<String, Object> properties) {

  public PidConfiguration {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** The property names only: configurations hold secrets and are logged this way. */
  @Override
  public String toString() {
    return pid + properties.keySet();
  }
}
