package cores.plugin.config;

import cores.envconfig.Declaration;
import cores.envconfig.Json;
import cores.envconfig.Refusal;
import cores.envconfig.Resolved;
import cores.envconfig.SwitchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin brings its own switch: a bundle with {@value #ENTRY} (the {@code cores.switch} extension
 * and {@code configurations} of a feature file) gets those configurations, with the environment's
 * values, while it is installed and its switch is on; they are deleted when it is removed. A
 * setting the plugin's component refuses is logged in one line naming its variable; the rest of the
 * platform keeps running.
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

  private static final Logger LOG = LoggerFactory.getLogger(DeclaredConfigurations.class);

  /** How long a component's activation is watched for a refusal after its configuration. */
  private static final long WATCH_MILLIS = 15_000;

  private static final long WATCH_STEP_MILLIS = 250;

  private final ConfigurationAdmin configAdmin;
  private final ServiceComponentRuntime components;
  private final Map<String, String> env;
  private final ScheduledExecutorService watcher;
  private final BundleTracker<List<Resolved>> tracker;
  private volatile boolean closing;

  @Activate
  public DeclaredConfigurations(
      BundleContext context,
      @Reference ConfigurationAdmin configAdmin,
      @Reference ServiceComponentRuntime components) {
    this(context, configAdmin, components, System.getenv());
  }

  DeclaredConfigurations(
      BundleContext context,
      ConfigurationAdmin configAdmin,
      ServiceComponentRuntime components,
      Map<String, String> env) {
    this.configAdmin = configAdmin;
    this.components = components;
    this.env = Map.copyOf(env);
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "cores-plugin-config");
              thread.setDaemon(true);
              return thread;
            });
    this.tracker =
        new BundleTracker<>(context, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE, this);
    tracker.open();
  }

  @Deactivate
  void close() {
    closing = true;
    tracker.close();
    watcher.shutdownNow();
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
    watch(bundle, configurations, 0);
    return configurations;
  }

  @Override
  public void modifiedBundle(Bundle bundle, BundleEvent event, List<Resolved> configurations) {
    // a plugin that starts or stops keeps its configurations
  }

  @Override
  public void removedBundle(Bundle bundle, BundleEvent event, List<Resolved> configurations) {
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
   * Declarative Services activates a component after its configuration arrives, on its own thread,
   * and reports a failure only in its runtime state: that state is looked at until the components
   * of these configurations are active or have failed, for a bounded time.
   */
  private void watch(Bundle bundle, List<Resolved> configurations, long waited) {
    if (closing || configurations.isEmpty()) {
      return;
    }
    Optional<Boolean> settled;
    try {
      settled = settled(bundle, configurations);
    } catch (RuntimeException e) {
      // the executor would drop it silently; SCR's own log still has the component's state
      LOG.warn(
          "plugin {}: its components' state cannot be read: {}",
          bundle.getSymbolicName(),
          e.toString());
      return;
    }
    if (settled.isPresent() || waited >= WATCH_MILLIS) {
      return;
    }
    watcher.schedule(
        () -> watch(bundle, configurations, waited + WATCH_STEP_MILLIS),
        WATCH_STEP_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * @return empty while a component of these configurations is still waiting (or the plugin has not
   *     started, so SCR knows none of them yet); true when all are active, false when one failed
   *     (logged)
   */
  private Optional<Boolean> settled(Bundle bundle, List<Resolved> configurations) {
    boolean waiting = bundle.getState() != Bundle.ACTIVE;
    boolean known = false;
    Collection<ComponentDescriptionDTO> descriptions =
        components.getComponentDescriptionDTOs(bundle);
    for (ComponentDescriptionDTO description : descriptions) {
      Optional<Resolved> configuration = configurationOf(description, configurations);
      if (configuration.isEmpty()) {
        continue;
      }
      known = true;
      Collection<ComponentConfigurationDTO> states =
          components.getComponentConfigurationDTOs(description);
      if (states.isEmpty()) {
        waiting = true;
      }
      for (ComponentConfigurationDTO state : states) {
        if (state.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
          LOG.error(
              "{} (plugin {} refused its configuration; the rest keeps running)",
              explain(configuration.get(), state.failure),
              bundle.getSymbolicName());
          return Optional.of(false);
        }
        if (state.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
          waiting = true;
        }
      }
    }
    return waiting || !known ? Optional.empty() : Optional.of(true);
  }

  private static Optional<Resolved> configurationOf(
      ComponentDescriptionDTO description, List<Resolved> configurations) {
    List<String> pids = new ArrayList<>(List.of(description.configurationPid));
    return configurations.stream().filter(c -> pids.contains(c.pid())).findFirst();
  }

  /** The refusal by its variable, or the failure's first line. */
  private static String explain(Resolved configuration, String failure) {
    String text = failure == null ? "" : failure;
    return Refusal.in(text)
        .flatMap(r -> configuration.explain(r.property(), r.reason()))
        .orElseGet(() -> text.lines().findFirst().orElse("no reason given"));
  }
}
