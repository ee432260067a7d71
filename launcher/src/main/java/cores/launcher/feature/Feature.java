package cores.launcher.feature;

import cores.envconfig.Declaration;
import cores.envconfig.Switch;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One feature file (OSGi Feature Service JSON, Compendium R8 ch. 160): its bundles, its
 * configurations (PID to properties, with environment placeholders) and the switch that turns it on
 * (the extension {@value FeatureReader#SWITCH}; none: always on). Only the parts the launcher acts
 * on are kept.
 */
public record Feature(
    String name,
    String id,
    List<FeatureBundle> bundles,
    Map<String, Map<String, Object>> configurations,
    Optional<Switch> switchedBy) {

  public Feature {
    bundles = List.copyOf(bundles);
    configurations = Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
  }

  /** What the feature declares about its configuration. */
  public Declaration declaration() {
    return new Declaration(name, switchedBy, configurations);
  }
}
