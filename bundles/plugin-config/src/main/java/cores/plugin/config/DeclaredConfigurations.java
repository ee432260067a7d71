package cores.plugin.config;

import cores.api.config.RefusalLines;
import cores.envconfig.Declaration;
import cores.envconfig.Json;
import cores.envconfig.Resolved;
import cores.envconfig.SwitchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin brings its own switch: a bundle with {@value #ENTRY} (the {@code cores.switch} extension
 * and {@code configurations} of a feature file) gets those configurations, with the environment's
 * values, while it is installed and its switch is on; they are deleted when it is removed. A
 * setting the plugin's component refuses is logged in one line naming its variable (or, for a
 * {@code <pid>.cfg} file of the plugins folder, the file and key), instead of the component
 * runtime's naming the property; the rest of the platform keeps running.
 *
 * <p>The launcher's log bridge, through which the component runtime logs, asks for that line when a
 * component refuses: this component is a {@link RefusalLines} service.
 *
 * <p>With the launcher, the only part of the platform that reads the environment: it stands in for
 * the launcher for bundles that arrive after the start.
 */
@Component(service = RefusalLines.class, immediate = true)
public final class DeclaredConfigurations
    implements BundleTrackerCustomizer<List<Resolved>>, RefusalLines {

  /** Where a plugin declares its switch and configurations. */
  static final String ENTRY = "OSGI-INF/cores/configuration.json";

  /** Marks the configurations this component wrote, with the declaring bundle's symbolic name. */
  static final String DECLARED_BY = "cores.declaredBy";

  /**
   * Lists the configuration's settings read from variables, {@code VARIABLE pid property} each, as
   * the launcher lists the features' ({@code cores.declared}): what {@code /api/system} shows of a
   * plugin's settings, by variable.
   */
  static final String SOURCES = "cores.sources";

  /** The property by which Felix FileInstall marks a configuration it read from a file (a URL). */
  static final String FILE = "felix.fileinstall.filename";

  private static final Logger LOG = LoggerFactory.getLogger(DeclaredConfigurations.class);

  private final ConfigurationAdmin configAdmin;
  private final ServiceComponentRuntime runtime;
  private final Map<String, String> env;
  private final BundleTracker<List<Resolved>> tracker;

  /**
   * The configurations given, by bundle id: known before they are written, as the component may
   * refuse one before the tracker holds them.
   */
  private final Map<Long, List<Resolved>> given = new ConcurrentHashMap<>();

  private volatile boolean closing;

  @Activate
  public DeclaredConfigurations(
      BundleContext context,
      @Reference ConfigurationAdmin configAdmin,
      @Reference ServiceComponentRuntime runtime) {
    this(context, configAdmin, runtime, System.getenv());
  }

  DeclaredConfigurations(
      BundleContext context,
      ConfigurationAdmin configAdmin,
      ServiceComponentRuntime runtime,
      Map<String, String> env) {
    this.configAdmin = configAdmin;
    this.runtime = runtime;
    this.env = Map.copyOf(env);
    // STOPPING too: a plugin being stopped (FileInstall stops a removed jar's bundle before
    // uninstalling it) keeps its configurations, not deleted then written again on STOPPED
    this.tracker =
        new BundleTracker<>(
            context, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING, this);
    tracker.open();
  }

  @Deactivate
  void close() {
    closing = true;
    tracker.close();
  }

  @Override
  public List<Resolved> addingBundle(Bundle bundle, BundleEvent event) {
    URL entry = bundle.getEntry(ENTRY);
    if (entry == null) {
      return null;
    }
    String name = bundle.getSymbolicName();
    Declaration declared;
    try (InputStream in = entry.openStream()) {
      declared =
          Declaration.of(
              name, Json.fields(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
    } catch (IOException | IllegalArgumentException e) {
      LOG.error("plugin {}: {} is not usable: {}", name, ENTRY, e.getMessage());
      return null;
    }
    try {
      if (declared.switchedBy().isPresent() && !declared.switchedBy().get().isOn(env)) {
        LOG.info("plugin {} is off: {} is not on", name, declared.switchedBy().get().variable());
        delete(name);
        return List.of();
      }
    } catch (SwitchException e) {
      LOG.error("{} (plugin {} is off)", e.getMessage(), name);
      delete(name);
      return List.of();
    }
    List<Resolved> configurations = declared.resolve(env);
    given.put(bundle.getBundleId(), configurations);
    try {
      for (Resolved c : configurations) {
        Dictionary<String, Object> properties = new Hashtable<>(c.properties());
        properties.put(DECLARED_BY, name);
        properties.put(SOURCES, sources(c));
        // "?": bound to whichever bundle asks, so an update of the plugin keeps it
        configAdmin.getConfiguration(c.pid(), "?").updateIfDifferent(properties);
        LOG.info("plugin {}: configured {}", name, c);
      }
    } catch (IOException e) {
      LOG.error("plugin {}: its configurations were not applied: {}", name, e.getMessage());
      return List.of();
    }
    return configurations;
  }

  @Override
  public void modifiedBundle(Bundle bundle, BundleEvent event, List<Resolved> configurations) {
    // a plugin that starts or stops keeps its configurations
  }

  @Override
  public void removedBundle(Bundle bundle, BundleEvent event, List<Resolved> configurations) {
    given.remove(bundle.getBundleId());
    if (!closing) {
      delete(bundle.getSymbolicName());
    }
  }

  private static String[] sources(Resolved c) {
    return c.sources().entrySet().stream()
        .filter(e -> c.properties().containsKey(e.getKey()))
        .map(e -> e.getValue() + " " + c.pid() + " " + e.getKey())
        .sorted()
        .toArray(String[]::new);
  }

  private void delete(String name) {
    try {
      Configuration[] found =
          configAdmin.listConfigurations("(" + DECLARED_BY + "=" + escape(name) + ")");
      if (found != null) {
        for (Configuration c : found) {
          // a deleted configuration answers nothing, not even its PID
          String pid = c.getPid();
          c.delete();
          LOG.info("plugin {}: configuration {} removed", name, pid);
        }
      }
    } catch (IOException | InvalidSyntaxException e) {
      LOG.warn("plugin {}: its configurations were not removed: {}", name, e.getMessage());
    }
  }

  /** LDAP filter value escaping (RFC 1960): a symbolic name may hold any of these. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
  }

  /**
   * A plugin's component refused a setting (its {@code ConfigurationException}): the line that says
   * so by the variable the property was read from, or by the file and key of a configuration
   * FileInstall read from the plugins folder, if it was one of these.
   */
  @Override
  public Optional<String> line(Bundle bundle, Throwable refusal) {
    ConfigurationException refused = refused(refusal);
    if (refused == null) {
      return Optional.empty();
    }
    String property = refused.getProperty();
    List<Resolved> configurations = given.getOrDefault(bundle.getBundleId(), List.of());
    Optional<String> explained =
        configurations.stream()
            .flatMap(c -> c.explain(property, refused.getReason()).stream())
            .findFirst()
            .or(() -> fromFile(bundle, property).map(f -> f + ": " + refused.getReason()));
    return explained.map(
        e ->
            e
                + " (plugin "
                + bundle.getSymbolicName()
                + " refused its configuration; the rest keeps running)");
  }

  /** The refusal of a named property, thrown or a cause of what was thrown; null if none. */
  private static ConfigurationException refused(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++) {
      if (t instanceof ConfigurationException refused && refused.getProperty() != null) {
        return refused;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return null;
  }

  /**
   * {@code <file>: <key>}: the property in a configuration of one of the bundle's components that
   * FileInstall read from a file of the plugins folder.
   */
  private Optional<String> fromFile(Bundle bundle, String property) {
    try {
      for (ComponentDescriptionDTO component : runtime.getComponentDescriptionDTOs(bundle)) {
        for (String pid : component.configurationPid) {
          Configuration[] found =
              configAdmin.listConfigurations(
                  "(&("
                      + FILE
                      + "=*)(|(service.pid="
                      + escape(pid)
                      + ")(service.factoryPid="
                      + escape(pid)
                      + ")))");
          for (Configuration c : found == null ? new Configuration[0] : found) {
            Dictionary<String, Object> properties = c.getProperties();
            if (properties != null && properties.get(property) != null) {
              return Optional.of(fileName(properties.get(FILE)) + ": " + property);
            }
          }
        }
      }
    } catch (IOException | InvalidSyntaxException | RuntimeException e) {
      LOG.debug("the file of a refused setting is not known: {}", e.toString());
    }
    return Optional.empty();
  }

  /** The name of the file FileInstall read, from its URL (or path, as older versions wrote it). */
  private static String fileName(Object file) {
    String text = String.valueOf(file);
    try {
      Path name =
          (text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text)).getFileName();
      return name == null ? text : name.toString();
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
