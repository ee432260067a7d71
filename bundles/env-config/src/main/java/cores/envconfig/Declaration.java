package cores.envconfig;

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
