package cores.launcher.feature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One feature file (OSGi Feature Service JSON, Compendium R8 ch. 160): its bundles and default
 * configurations (PID to properties). Only the parts the launcher acts on are kept.
 */
public record Feature(
    String name,
    String id,
    List<FeatureBundle> bundles,
    Map<String, Map<String, Object>> configurations) {

  public Feature {
    bundles = List.copyOf(bundles);
    configurations = Collections.unmodifiableMap(new LinkedHashMap<>(configurations));
  }
}
