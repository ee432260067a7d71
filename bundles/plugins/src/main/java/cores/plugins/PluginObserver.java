package cores.plugins;

import cores.api.config.RefusalLines;
import cores.api.system.Problem;
import cores.api.system.ProblemReport;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.fileinstall.ArtifactUrlTransformer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Cores adds to Apache Felix FileInstall, which installs, updates, starts and uninstalls the
 * bundles of the plugins folder (and turns its {@code *.cfg} / {@code *.config} files into
 * configurations): this component installs nothing itself.
 *
 * <p>As FileInstall's transformer for {@code *.jar} files it looks at each jar first: one that
 * cannot be a bundle (a truncated download, a plain library) is refused with one WARN line naming
 * the reason, and reported, instead of being retried silently at every poll as FileInstall does
 * with a file no installer takes; the others are installed under the location {@code
 * cores-plugin:<file>} ({@link PluginUrls}).
 *
 * <p>As a bundle listener it logs what happens to the plugin bundles, and it reports, as the part
 * {@code plugins} of {@code /api/system}, the refused jars and the plugins that should run but do
 * not: a start that has not returned (FileInstall waits for it), a bundle that cannot resolve, an
 * activator that failed, and a started plugin's component that does not run ({@link
 * ComponentFailures}).
 */
@Component(
    configurationPid = "cores.plugins",
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = {ArtifactUrlTransformer.class, ProblemReport.class},
    immediate = true)
@Designate(ocd = PluginsConfig.class)
public final class PluginObserver implements ArtifactUrlTransformer, ProblemReport {

  private static final Logger LOG = LoggerFactory.getLogger(PluginObserver.class);

  private final BundleContext context;
  private final Path directory;
  private final Duration startTimeout;
  private final ServiceComponentRuntime components;

  /** The refused jars by file, until the file changes or goes. */
  private final Map<Path, Problem> refused = new ConcurrentHashMap<>();

  /** When each plugin bundle's current start began. */
  private final Map<Long, Instant> starting = new ConcurrentHashMap<>();

  /**
   * The plugin bundles whose last start failed in their activator: the framework reports that as a
   * stop while starting, FileInstall only in its log.
   */
  private final Set<Long> activatorFailed = ConcurrentHashMap.newKeySet();

  private final SynchronousBundleListener listener = this::bundleChanged;

  /** Who says a refused setting by where it came from (the plugin configuration's service). */
  private final List<RefusalLines> refusals = new CopyOnWriteArrayList<>();

  @Activate
  public PluginObserver(
      BundleContext context, PluginsConfig config, @Reference ServiceComponentRuntime components) {
    this.context = context;
    this.components = components;
    this.directory = Path.of(config.directory()).toAbsolutePath().normalize();
    this.startTimeout = Duration.ofMillis(Math.max(1, config.startTimeoutMillis()));
    context.addBundleListener(listener);
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindRefusalLines(RefusalLines service) {
    refusals.add(service);
  }

  void unbindRefusalLines(RefusalLines service) {
    refusals.remove(service);
  }

  @Deactivate
  void deactivate() {
    try {
      context.removeBundleListener(listener);
    } catch (IllegalStateException e) {
      LOG.debug("The framework is already stopping", e);
    }
  }

  @Override
  public boolean canHandle(File artifact) {
    return artifact.getName().toLowerCase(Locale.ROOT).endsWith(".jar");
  }

  /**
   * Called by FileInstall when a jar appeared or changed and its size and modification time held
   * for one poll; null refuses it (a bundle installed from an earlier version of the file is then
   * uninstalled) until the file changes again.
   */
  @Override
  public URL transform(URL artifact) throws URISyntaxException, IOException {
    Path file = Path.of(artifact.toURI());
    String name = String.valueOf(file.getFileName());
    Optional<String> problem = JarCheck.problem(file);
    if (problem.isPresent()) {
      LOG.warn(
          "Plugin {} refused: {}; it is tried again when the file changes", file, problem.get());
      refused.put(file, new Problem(name, "refused: " + problem.get()));
      return null;
    }
    refused.remove(file);
    return PluginUrls.of(file);
  }

  private void bundleChanged(BundleEvent event) {
    Bundle bundle = event.getBundle();
    String fileName = PluginUrls.fileName(bundle.getLocation());
    if (fileName == null) {
      return;
    }
    Path file = directory.resolve(fileName);
    long id = bundle.getBundleId();
    switch (event.getType()) {
      case BundleEvent.INSTALLED -> LOG.info("Installed plugin {} from {}", describe(bundle), file);
      case BundleEvent.UPDATED -> {
        activatorFailed.remove(id);
        LOG.info("Updated plugin {} from {}", describe(bundle), file);
      }
      case BundleEvent.UNINSTALLED -> {
        starting.remove(id);
        activatorFailed.remove(id);
        LOG.info("Uninstalled plugin {}: {} was removed or refused", describe(bundle), file);
      }
      case BundleEvent.STARTING -> starting.put(id, Instant.now());
      case BundleEvent.STARTED -> {
        starting.remove(id);
        activatorFailed.remove(id);
      }
      case BundleEvent.STOPPING -> {
        // stopping while still starting: the activator threw (OSGi core, Bundle.start)
        if (starting.remove(id) != null) {
          activatorFailed.add(id);
        }
      }
      default -> {
        // resolving says nothing an operator needs
      }
    }
  }

  @Override
  public String name() {
    return "plugins";
  }

  @Override
  public List<Problem> problems() {
    // a refused jar that was deleted is no longer a problem; a changed one was transformed again
    refused.keySet().removeIf(file -> !Files.exists(file));
    List<Problem> problems = new ArrayList<>(refused.values());
    Instant hungBefore = Instant.now().minus(startTimeout);
    FrameworkWiring wiring =
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    for (Bundle bundle : context.getBundles()) {
      String fileName = PluginUrls.fileName(bundle.getLocation());
      if (fileName != null) {
        long id = bundle.getBundleId();
        String subject = fileName + " (" + describe(bundle) + ")";
        PluginState.problem(
                bundle,
                starting.get(id),
                activatorFailed.contains(id),
                hungBefore,
                startTimeout,
                wiring)
            .ifPresent(reason -> problems.add(new Problem(subject, reason)));
        if (bundle.getState() == Bundle.ACTIVE) {
          ComponentFailures.of(components, bundle, refusals)
              .forEach(reason -> problems.add(new Problem(subject, reason)));
        }
      }
    }
    return problems;
  }

  static String describe(Bundle bundle) {
    return bundle.getSymbolicName() + " " + bundle.getVersion();
  }
}
