package cores.envconfig;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a feature or a plugin declares about its configuration: the switch that turns it on (none:
 * always on) and its configurations, PID to properties, whose values may hold environment
 * placeholders ({@link Placeholders}).
 *
 * @param name the feature's or plugin's name, for messages
 */
public record Declaration(
    String name, Optional<Switch> switchedBy, Map<String, Map<String, Object>> configurations) {

  public Declaration {
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    configurations.forEach(
        (pid, props) -> copy.put(pid, Collections.unmodifiableMap(new LinkedHashMap<>(props))));
    configurations = Collections.unmodifiableMap(copy);
  }

  /**
   * The extension (Compendium 160.4) naming the environment variable that turns a feature on, with
   * its slot and rank where features exclude each other (see {@link Switch#of}).
   */
  public static final String SWITCH = "cores.switch:JSON|optional";

  /**
   * What a feature-format JSON object declares: its {@value #SWITCH} extension and its {@code
   * configurations} (PID to properties: strings, numbers and booleans).
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static Declaration of(String name, Map<String, Object> root) {
    Object switchedBy = root.get(SWITCH);
    Optional<Switch> on =
        switchedBy == null ? Optional.empty() : Optional.of(Switch.of(Json.fields(switchedBy)));
    Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    for (Map.Entry<String, Object> pid : Json.fields(root.get("configurations")).entrySet()) {
      Map<String, Object> properties = new LinkedHashMap<>();
      for (Map.Entry<String, Object> p : Json.fields(pid.getValue()).entrySet()) {
        properties.put(p.getKey(), scalar(pid.getKey() + "/" + p.getKey(), p.getValue()));
      }
      configurations.put(pid.getKey(), properties);
    }
    return new Declaration(name, on, configurations);
  }

  private static Object scalar(String where, Object value) {
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof BigInteger big) {
      return big.doubleValue(); // beyond long, as a number it still is
    }
    throw new IllegalArgumentException(
        "configuration " + where + ": only strings, numbers and booleans are supported");
  }

  /** The configurations with the environment's values, each property's variable noted. */
  public List<Resolved> resolve(Map<String, String> env) {
    List<Resolved> result = new ArrayList<>();
    configurations.forEach(
        (pid, declared) -> {
          Map<String, Object> properties = new LinkedHashMap<>();
          Map<String, String> sources = new LinkedHashMap<>();
          declared.forEach(
              (property, value) -> {
                Placeholders.resolve(value, env).ifPresent(v -> properties.put(property, v));
                Placeholders.source(value).ifPresent(v -> sources.put(property, v));
              });
          result.add(new Resolved(pid, properties, sources, switchedBy));
        });
    return result;
  }

  /** Every variable this declaration reads, its switch first. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    switchedBy.ifPresent(s -> names.add(s.variable()));
    configurations
        .values()
        .forEach(p -> p.values().forEach(v -> names.addAll(Placeholders.variables(v))));
    return names;
  }
}
