package cores.launcher.osgi;

import cores.envconfig.Resolved;
import cores.launcher.LaunchException;
import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureBundle;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.hooks.bundle.EventHook;
import org.osgi.framework.hooks.bundle.FindHook;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The running Felix framework with the bundles of the chosen features.
 *
 * <p>Bundles are started level by level (a feature bundle's {@code start-order} is its start
 * level), and the configurations are handed to Configuration Admin as soon as it runs, before SCR's
 * level, so components see their configuration on first activation. A bundle that does not start,
 * or a component of one that fails to activate (e.g. the HTTP server on a port that is taken),
 * makes the whole start fail: a half-started platform is worse than a clear error.
 *
 * <p>The framework property {@value #FEATURE_BUNDLES} names the features' bundles (their locations,
 * separated by blanks): the HTTP bundle says ready once these run and serve, and names no provider.
 * It also waits for the launcher's word, a service with {@value #STARTED}{@code =true} registered
 * once the checks above passed: a component that fails after the HTTP bundle saw the rest ready
 * (SCR activates some lazily) must not leave the process healthy for the moments before it exits.
 */
public final class Platform {

  private static final System.Logger LOG = System.getLogger(Platform.class.getName());
  private static final Duration LEVEL_TIMEOUT = Duration.ofMinutes(2);

  /** The framework property naming the bundles of the started features. */
  public static final String FEATURE_BUNDLES = "cores.feature.bundles";

  /** The property of the service registered once the start is confirmed. */
  public static final String STARTED = "cores.platform.started";

  private static final String REFERENCE = "reference:";

  /**
   * What the system bundle exports besides the framework's packages: the OSGi Log Service API (its
   * classes are in the launcher's jar), so that SCR finds the launcher's {@link LogBridge}.
   */
  public static final String SYSTEM_PACKAGES_EXTRA = "org.osgi.service.log;version=\"1.5.0\"";

  private final Felix felix;
  private final Map<Long, Throwable> errors = new ConcurrentHashMap<>();
  private final List<Bundle> featureBundles = new CopyOnWriteArrayList<>();

  /** Says the components' refusals of settings by variable; made once the framework is. */
  private PlatformRefusals refusals;

  private final boolean debug;

  private Platform(Felix felix, boolean debug) {
    this.felix = felix;
    this.debug = debug;
  }

  /**
   * Where the configurations come from. Called once, when Configuration Admin runs; it may block
   * (the launcher waits for the database meanwhile) and its failure ends the start.
   */
  @FunctionalInterface
  public interface ConfigurationSource {
    List<Resolved> get() throws LaunchException;
  }

  /** With configurations known up front. */
  public static Platform start(
      Path storage,
      Path repository,
      List<Feature> features,
      List<Resolved> configurations,
      boolean debug)
      throws LaunchException {
    return start(storage, repository, features, () -> configurations, debug);
  }

  /** With no framework properties besides the platform's own. */
  public static Platform start(
      Path storage,
      Path repository,
      List<Feature> features,
      ConfigurationSource configurations,
      boolean debug)
      throws LaunchException {
    return start(storage, repository, features, configurations, Map.of(), debug);
  }

  /**
   * @param storage the framework's cache folder, emptied unless it was left by a complete start of
   *     the same distribution ({@link FrameworkCache})
   * @param repository the distribution's {@code bundles/} folder (Maven layout)
   * @param frameworkProperties for the bundles that read theirs from the framework (FileInstall)
   * @param debug whether Felix logs its warnings too, and its own log entries and the bundles'
   *     (SCR's) their stack traces
   */
  public static Platform start(
      Path storage,
      Path repository,
      List<Feature> features,
      ConfigurationSource configurations,
      Map<String, String> frameworkProperties,
      boolean debug)
      throws LaunchException {
    Map<String, Object> config = new HashMap<>(frameworkProperties);
    config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    // configurations live as long as the process: the launcher applies them at every start, and
    // none is left in the kept cache (their secrets are not written to disk at all)
    config.put("felix.cm.pm", "memory");
    config.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
    config.put("felix.log.logger", new FelixLog(debug));
    config.put("felix.log.level", debug ? "2" : "1");
    config.merge(
        Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
        SYSTEM_PACKAGES_EXTRA,
        (given, ours) -> given + "," + ours);
    config.put(FEATURE_BUNDLES, featureBundleLocations(repository, features));
    FrameworkCache cache =
        FrameworkCache.open(
            storage,
            repository,
            features.stream().flatMap(f -> f.bundles().stream()).toList(),
            config);
    if (!cache.reused()) {
      config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    }
    Felix felix = new Felix(config);
    Platform platform = new Platform(felix, debug);
    try {
      platform.boot(repository, features, configurations);
      cache.started();
    } catch (LaunchException | RuntimeException e) {
      platform.stop();
      throw e;
    }
    return platform;
  }

  private static String featureBundleLocations(Path repository, List<Feature> features) {
    List<String> locations = new ArrayList<>();
    for (Feature feature : features) {
      for (FeatureBundle fb : feature.bundles()) {
        locations.add(location(repository, fb));
      }
    }
    return String.join(" ", locations);
  }

  /** Stable across starts; a file URI has no blanks, so the locations can be listed with them. */
  private static String location(Path repository, FeatureBundle fb) {
    // reference: the framework reads the jar in place instead of copying it into its cache
    return REFERENCE + fb.path(repository).toUri();
  }

  private void boot(Path repository, List<Feature> features, ConfigurationSource configurations)
      throws LaunchException {
    long begin = System.nanoTime();
    int maxLevel = 1;
    try {
      felix.init();
      BundleContext context = felix.getBundleContext();
      // before SCR starts: it logs through the first LoggerFactory it finds, else with traces
      refusals = new PlatformRefusals(context, featureBundles);
      context.registerService(LoggerFactory.class, LogBridge.of(debug, refusals), null);
      context.addFrameworkListener(
          event -> {
            if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
              errors.putIfAbsent(event.getBundle().getBundleId(), event.getThrowable());
            }
          });
      uninstallOthers(context, context.getProperty(FEATURE_BUNDLES));
      MediatorExclusions exclusions = new MediatorExclusions();
      context.registerService(
          new String[] {FindHook.class.getName(), EventHook.class.getName()}, exclusions, null);
      for (Feature feature : features) {
        for (FeatureBundle fb : feature.bundles()) {
          maxLevel = Math.max(maxLevel, fb.startOrder());
          Bundle bundle = install(context, repository, fb);
          featureBundles.add(bundle);
          exclusions.installed(bundle, fb.spifly());
        }
      }
      felix.start();
    } catch (BundleException e) {
      throw new LaunchException(
          LaunchException.PLATFORM_FAILED,
          "the OSGi framework did not start: " + e.getMessage(),
          e);
    }
    boolean configured = false;
    List<Resolved> applied = List.of();
    FrameworkStartLevel startLevel = felix.adapt(FrameworkStartLevel.class);
    for (int level = 2; level <= maxLevel; level++) {
      long levelBegin = System.nanoTime();
      raise(startLevel, level);
      LOG.log(
          System.Logger.Level.DEBUG,
          "start level {0} reached in {1} ms",
          String.valueOf(level),
          String.valueOf((System.nanoTime() - levelBegin) / 1_000_000));
      if (!configured && ConfigurationAdminBridge.available(felix.getBundleContext())) {
        applied = configurations.get();
        applyConfigurations(applied);
        configured = true;
      }
    }
    if (!configured) {
      throw new LaunchException(
          LaunchException.PLATFORM_FAILED,
          "Configuration Admin is not running: check features/core.json");
    }
    checkAllStarted();
    checkComponents(applied);
    felix
        .getBundleContext()
        .registerService(
            Object.class.getName(), new Object(), new Hashtable<>(Map.of(STARTED, true)));
    LOG.log(
        System.Logger.Level.INFO,
        "{0} bundles active in {1} ms",
        String.valueOf(felix.getBundleContext().getBundles().length),
        String.valueOf((System.nanoTime() - begin) / 1_000_000));
  }

  /**
   * In a kept cache, the bundles FileInstall installed from the plugins folder: uninstalled, so
   * that it installs them again as on a clean start (a plugin removed meanwhile is gone, a changed
   * one is the new one), rather than the framework starting them before their dependencies.
   */
  private static void uninstallOthers(BundleContext context, String featureBundles)
      throws BundleException {
    Set<String> locations = Set.copyOf(Arrays.asList(featureBundles.split(" ")));
    for (Bundle b : context.getBundles()) {
      if (b.getBundleId() != 0 && !locations.contains(b.getLocation())) {
        b.uninstall();
      }
    }
  }

  private static Bundle install(BundleContext context, Path repository, FeatureBundle fb)
      throws BundleException {
    Bundle bundle = context.installBundle(location(repository, fb));
    bundle.adapt(BundleStartLevel.class).setStartLevel(fb.startOrder());
    if (!isFragment(bundle)) {
      bundle.start();
    }
    return bundle;
  }

  private static boolean isFragment(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
  }

  private static void raise(FrameworkStartLevel startLevel, int level) throws LaunchException {
    CountDownLatch reached = new CountDownLatch(1);
    startLevel.setStartLevel(level, event -> reached.countDown());
    try {
      if (!reached.await(LEVEL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new LaunchException(
            LaunchException.PLATFORM_FAILED, "start level " + level + " was not reached in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LaunchException(LaunchException.PLATFORM_FAILED, "interrupted while starting", e);
    }
  }

  private void applyConfigurations(List<Resolved> configurations) throws LaunchException {
    try {
      ConfigurationAdminBridge.apply(felix.getBundleContext(), configurations);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new LaunchException(
          LaunchException.PLATFORM_FAILED, "configurations not applied: " + e.getMessage(), e);
    }
  }

  private void checkAllStarted() throws LaunchException {
    List<String> failed = new ArrayList<>();
    Throwable first = null;
    // the features' bundles only: plugins come and go while the platform runs, and the plugins
    // bundle reports one that does not start (a plugin found at boot may still be starting here)
    for (Bundle b : featureBundles) {
      boolean ok = isFragment(b) ? b.getState() == Bundle.RESOLVED : b.getState() == Bundle.ACTIVE;
      if (!ok) {
        Throwable error = errors.get(b.getBundleId());
        if (error == null && b.getState() == Bundle.INSTALLED) {
          error = resolutionError(b);
        }
        failed.add(
            b.getSymbolicName()
                + " "
                + b.getVersion()
                + (error == null ? "" : ": " + message(error)));
        if (first == null) {
          first = error;
        }
      }
    }
    if (!failed.isEmpty()) {
      for (String f : failed) {
        LOG.log(System.Logger.Level.ERROR, "bundle not started: {0}", f);
      }
      throw new LaunchException(
          LaunchException.PLATFORM_FAILED,
          failed.size() + " bundle(s) did not start, first: " + failed.get(0),
          first);
    }
  }

  /**
   * Why a bundle does not resolve, asked again: the framework reports its first failure as an event
   * delivered on its own thread, which may not have arrived when the start levels are reached.
   */
  private static Throwable resolutionError(Bundle bundle) {
    try {
      bundle.start(Bundle.START_TRANSIENT);
      return null;
    } catch (BundleException | RuntimeException e) {
      return e;
    }
  }

  /**
   * A component of the features that failed to activate fails the start. When it refused a property
   * the launcher wrote from a variable, the variable is named (exit code 2, as for any bad
   * setting); otherwise the component (exit code 4).
   */
  private void checkComponents(List<Resolved> applied) throws LaunchException {
    // from now on a refusal is said as it comes: one that comes while looking may be said twice,
    // none is lost
    refusals.checked(applied);
    List<ComponentFailures.Failure> failures;
    try {
      failures = ComponentFailures.of(felix.getBundleContext(), featureBundles);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new LaunchException(
          LaunchException.PLATFORM_FAILED,
          "the components' state cannot be read: " + message(e),
          e);
    }
    if (failures.isEmpty()) {
      return;
    }
    for (ComponentFailures.Failure f : failures) {
      LOG.log(
          System.Logger.Level.ERROR,
          didNotActivate(f.component(), f.bundle(), explained(applied, f).orElse(f.summary())));
    }
    ComponentFailures.Failure first = failures.get(0);
    Optional<String> explained = explained(applied, first);
    if (explained.isPresent()) {
      throw new LaunchException(LaunchException.BAD_CONFIGURATION, explained.get());
    }
    throw new LaunchException(
        LaunchException.PLATFORM_FAILED,
        failures.size()
            + " component(s) did not activate, first: "
            + first.component()
            + " of "
            + first.bundle()
            + ": "
            + first.summary());
  }

  /** The failure's refusal of a setting by its variable, when it was one. */
  private static Optional<String> explained(
      List<Resolved> applied, ComponentFailures.Failure failure) {
    return failure
        .refusal()
        .flatMap(r -> explain(applied, failure.pids(), r.property(), r.reason()));
  }

  /** The line of a component that failed, at the start and after. */
  static String didNotActivate(String component, String bundle, String why) {
    return "component " + component + " of " + bundle + " did not activate: " + why;
  }

  /** A refusal by the variable its property of one of these PIDs was read from. */
  static Optional<String> explain(
      List<Resolved> applied, List<String> pids, String property, String reason) {
    for (Resolved c : applied) {
      if (pids.contains(c.pid())) {
        Optional<String> explained = c.explain(property, reason);
        if (explained.isPresent()) {
          return explained;
        }
      }
    }
    return Optional.empty();
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return (m == null ? t.getClass().getName() : m).replace('\n', ' ');
  }

  /**
   * The class loader of the installed bundle read from {@code jar}, if it is resolved ({@code
   * bin/cores cds} links the classes it loaded).
   */
  public Optional<ClassLoader> classLoaderOf(Path jar) {
    for (Bundle bundle : felix.getBundleContext().getBundles()) {
      String location = bundle.getLocation();
      if (location.startsWith(REFERENCE)
          && Path.of(URI.create(location.substring(REFERENCE.length()))).normalize().equals(jar)) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        return wiring == null ? Optional.empty() : Optional.ofNullable(wiring.getClassLoader());
      }
    }
    return Optional.empty();
  }

  /** For tests in this package: the framework's context. */
  BundleContext bundleContext() {
    return felix.getBundleContext();
  }

  /** Waits (bounded) for a service matching {@code filter}, e.g. a command. */
  public Optional<Object> awaitService(String filter, Duration timeout) throws LaunchException {
    ServiceTracker<Object, Object> tracker;
    try {
      tracker =
          new ServiceTracker<>(
              felix.getBundleContext(), felix.getBundleContext().createFilter(filter), null);
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException(filter, e);
    }
    tracker.open(true);
    try {
      return Optional.ofNullable(tracker.waitForService(timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Blocks until the framework has stopped (after {@link #stop()} or a bundle stopping it). */
  public void awaitStop() throws InterruptedException {
    felix.waitForStop(0);
  }

  /**
   * Stops every bundle (highest start level first) and the framework; bounded, so a bundle that
   * hangs in its stop cannot keep the process alive forever.
   */
  public void stop() {
    // a stop often follows an interrupt (SIGTERM during the start): wait for it regardless
    boolean interrupted = Thread.interrupted();
    try {
      felix.stop();
      FrameworkEvent event = felix.waitForStop(TimeUnit.SECONDS.toMillis(30));
      if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
        LOG.log(System.Logger.Level.WARNING, "the framework did not stop within 30 s");
      }
    } catch (BundleException e) {
      LOG.log(System.Logger.Level.WARNING, "the framework did not stop cleanly", e);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
