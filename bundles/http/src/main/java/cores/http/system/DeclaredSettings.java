package cores.http.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The values of the settings the features declare, by variable, as their components received them.
 * The plugins' settings are among them, as the plugin configuration bundle lists them in the
 * configurations it gives ({@value #PLUGIN_SOURCES}). A value is shown only when the component's
 * configuration type (its metatype) says the attribute is not a password: a secret is masked
 * because it is typed as one, and an attribute no metatype describes is masked too, as it cannot be
 * told apart.
 *
 * @param sources each declared setting, {@code VARIABLE pid property}, as the launcher lists them
 *     in {@code cores.system} (property {@value #PROPERTY})
 */
record DeclaredSettings(List<String> sources) {

  /** The property of {@code cores.system} that lists the declared settings. */
  static final String PROPERTY = "cores.declared";

  static final String MASK = "****";

  /**
   * The property by which the plugin configuration bundle lists, in each configuration it gives a
   * plugin, which variable went where (the same form as {@value #PROPERTY}).
   */
  static final String PLUGIN_SOURCES = "cores.sources";

  static DeclaredSettings of(Object property) {
    if (property instanceof String[] array) {
      return new DeclaredSettings(List.of(array));
    }
    if (property instanceof Collection<?> list) {
      return new DeclaredSettings(list.stream().map(String::valueOf).toList());
    }
    return new DeclaredSettings(List.of());
  }

  Map<String, String> values(
      Optional<ConfigurationAdmin> configAdmin,
      Optional<MetaTypeService> metaType,
      Bundle[] bundles) {
    Map<String, String> values = new TreeMap<>();
    if (configAdmin.isEmpty()) {
      return values;
    }
    // each PID's attribute types are looked up once, not once per setting
    Map<String, Map<String, Integer>> types = new HashMap<>();
    List<String> all = new ArrayList<>(sources);
    all.addAll(pluginSources(configAdmin.get()));
    for (String source : all) {
      String[] parts = source.split(" ");
      if (parts.length != 3) {
        continue;
      }
      String variable = parts[0];
      String pid = parts[1];
      String property = parts[2];
      Object value = value(configAdmin.get(), pid, property);
      if (value != null) {
        Integer type =
            types.computeIfAbsent(pid, p -> attributeTypes(metaType, bundles, p)).get(property);
        boolean plain = type != null && type != AttributeDefinition.PASSWORD;
        values.put(variable, plain ? String.valueOf(value) : MASK);
      }
    }
    return values;
  }

  /** The settings the plugins read from variables, as their configurations list them. */
  private static List<String> pluginSources(ConfigurationAdmin configAdmin) {
    List<String> found = new ArrayList<>();
    try {
      Configuration[] plugins = configAdmin.listConfigurations("(" + PLUGIN_SOURCES + "=*)");
      for (Configuration c : plugins == null ? new Configuration[0] : plugins) {
        Dictionary<String, Object> properties = c.getProperties();
        Object listed = properties == null ? null : properties.get(PLUGIN_SOURCES);
        found.addAll(of(listed).sources());
      }
    } catch (IOException | InvalidSyntaxException e) {
      // the plugins' settings are left out then, as without Configuration Admin
    }
    return found;
  }

  private static Object value(ConfigurationAdmin configAdmin, String pid, String property) {
    try {
      Configuration[] found = configAdmin.listConfigurations("(service.pid=" + pid + ")");
      if (found == null || found.length == 0) {
        return null;
      }
      Dictionary<String, Object> properties = found[0].getProperties();
      return properties == null ? null : properties.get(property);
    } catch (IOException | InvalidSyntaxException e) {
      return null;
    }
  }

  /** The attribute types a bundle's metatype gives the PID's attributes; none when none does. */
  private static Map<String, Integer> attributeTypes(
      Optional<MetaTypeService> metaType, Bundle[] bundles, String pid) {
    Map<String, Integer> types = new HashMap<>();
    if (metaType.isEmpty()) {
      return types;
    }
    for (Bundle bundle : bundles) {
      MetaTypeInformation info = metaType.get().getMetaTypeInformation(bundle);
      if (info == null || !Arrays.asList(info.getPids()).contains(pid)) {
        continue;
      }
      ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
      AttributeDefinition[] attributes =
          ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
      for (AttributeDefinition a : attributes == null ? new AttributeDefinition[0] : attributes) {
        types.put(a.getID(), a.getType());
      }
      return types;
    }
    return types;
  }
}
