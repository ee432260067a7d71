package cores.plugin.config;

import cores.envconfig.Declaration;
import cores.envconfig.Json;
import cores.envconfig.Resolved;
import cores.envconfig.SwitchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin brings its own switch: a bundle with {@value #ENTRY} (the {@code cores.switch} extension
 * and {@code configurations} of a feature file) gets those configurations, with the environment's
 * values, while it is installed and its switch is on; they are deleted when it is removed. A
 * setting the plugin's component refuses is logged in one line naming its variable, instead of the
 * component runtime's naming the property; the rest of the platform keeps running.
 *
 * <p>The launcher's log bridge, through which the component runtime logs, asks for that line when a
 * plugin's component refuses: a service {@code BiFunction<Bundle, Throwable, Optional<String>>}
 * with {@value #REFUSALS}{@code =true}, so that the launcher needs none of this bundle's classes.
 *
 * <p>With the launcher, the only part of the platform that reads the environment: it stands in for
 * the launcher for bundles that arrive after the start.
 */
@Component(
    service = {},
    immediate = true)
public final class DeclaredConfigurations implements BundleTrackerCustomizer<List<Resolved>> {

  /** Where a plugin declares its switch and configurations. */
  static final String ENTRY = "OSGI-INF/cores/configuration.json";

  /** Marks the configurations this component wrote, with the declaring bundle's symbolic name. */
  static final String DECLARED_BY = "cores.declaredBy";

  /** The property of the service that says a plugin's refusal by its variable. */
  static final String REFUSALS = "cores.plugin.refusals";

  private static final Logger LOG = LoggerFactory.getLogger(DeclaredConfigurations.class);

  private final ConfigurationAdmin configAdmin;
  private final Map<String, String> env;
  private final BundleTracker<List<Resolved>> tracker;

  /**
   * The configurations given, by bundle id: known before they are written, as the component may
   * refuse one before the tracker holds them.
   */
  private final Map<Long, List<Resolved>> given = new ConcurrentHashMap<>();

  private final ServiceRegistration<?> refusals;
  private volatile boolean closing;

  @Activate
  public DeclaredConfigurations(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
    this(context, configAdmin, System.getenv());
  }

  DeclaredConfigurations(
      BundleContext context, ConfigurationAdmin configAdmin, Map<String, String> env) {
    this.configAdmin = configAdmin;
    this.env = Map.copyOf(env);
    BiFunction<Bundle, Throwable, Optional<String>> explain = this::refusal;
    this.refusals =
        context.registerService(
            BiFunction.class.getName(), explain, new Hashtable<>(Map.of(REFUSALS, true)));
    this.tracker =
        new BundleTracker<>(context, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE, this);
    tracker.open();
  }

  @Deactivate
  void close() {
    closing = true;
    tracker.close();
    refusals.unregister();
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
   * so by the variable the property was read from, if it was one.
   */
  Optional<String> refusal(Bundle bundle, Throwable failure) {
    List<Resolved> configurations = given.get(bundle.getBundleId());
    Throwable t = failure;
    for (int depth = 0; t != null && configurations != null && depth < 20; depth++) {
      if (t instanceof ConfigurationException refused && refused.getProperty() != null) {
        for (Resolved c : configurations) {
          Optional<String> explained = c.explain(refused.getProperty(), refused.getReason());
          if (explained.isPresent()) {
            return Optional.of(
                explained.get()
                    + " (plugin "
                    + bundle.getSymbolicName()
                    + " refused its configuration; the rest keeps running)");
          }
        }
        return Optional.empty();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return Optional.empty();
  }
}
