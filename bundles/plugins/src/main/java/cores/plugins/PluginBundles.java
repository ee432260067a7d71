package cores.plugins;

import cores.api.system.SystemStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The framework operations on plugin bundles: install, update, start, uninstall, refresh. */
final class PluginBundles {

  /**
   * Plugins are installed from a stream under this location prefix plus the file name, not from a
   * {@code file:} URL. The framework copies the bytes into its cache, so a jar being overwritten in
   * the folder never changes the running bundle behind the framework's back; the location stays the
   * same when the folder is mounted elsewhere; and the prefix tells the plugin bundles apart from
   * the platform's own when reconciling at start.
   */
  static final String LOCATION_PREFIX = SystemStatus.PLUGIN_LOCATION;

  private static final Logger LOG = LoggerFactory.getLogger(PluginBundles.class);

  /** A refresh restarts the dependents too; bounded so a stuck bundle cannot stall the watcher. */
  private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(30);

  private final BundleContext context;

  PluginBundles(BundleContext context) {
    this.context = context;
  }

  static String location(String fileName) {
    return LOCATION_PREFIX + fileName;
  }

  /** The plugin file name a bundle was installed from, or null if it is not a plugin. */
  static String fileName(Bundle bundle) {
    String location = bundle.getLocation();
    return location.startsWith(LOCATION_PREFIX)
        ? location.substring(LOCATION_PREFIX.length())
        : null;
  }

  Bundle find(long id) {
    Bundle bundle = context.getBundle(id);
    return bundle == null || bundle.getState() == Bundle.UNINSTALLED ? null : bundle;
  }

  List<Bundle> all() {
    return List.of(context.getBundles());
  }

  Bundle install(String fileName, Path file) throws IOException, BundleException {
    try (InputStream in = Files.newInputStream(file)) {
      return context.installBundle(location(fileName), in);
    }
  }

  /**
   * Replaces the bundle's content; the framework stops and restarts it if it was active. When other
   * bundles were wired to the old revision, that revision lingers until a refresh rewires them to
   * the new one.
   */
  void update(Bundle bundle, Path file) throws IOException, BundleException {
    try (InputStream in = Files.newInputStream(file)) {
      bundle.update(in);
    }
    refreshIfPending(bundle);
  }

  /** Uninstalling stops the bundle first if it is active (its services go away cleanly). */
  void uninstall(Bundle bundle) throws BundleException {
    bundle.uninstall();
    // bundles that imported from it keep the old wiring until refreshed: let them re-resolve
    refreshIfPending(bundle);
  }

  /** Starts it unless it is a fragment (fragments attach to their host, they never start). */
  void start(Bundle bundle) throws BundleException {
    if (!isFragment(bundle)) {
      bundle.start();
    }
  }

  /**
   * Whether the bundle should be running but is not: started persistently (by us) and yet only
   * installed or resolved, typically because an import was missing when it was started. An operator
   * who stops a plugin from a console clears the persistent flag, so it is left stopped.
   */
  boolean waitingToStart(Bundle bundle) {
    int state = bundle.getState();
    return (state == Bundle.INSTALLED || state == Bundle.RESOLVED)
        && !isFragment(bundle)
        && bundle.adapt(BundleStartLevel.class).isPersistentlyStarted();
  }

  private static boolean isFragment(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
  }

  private void refreshIfPending(Bundle bundle) {
    FrameworkWiring wiring =
        context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
    boolean pending =
        wiring.getRemovalPendingBundles().stream()
            .anyMatch(b -> b.getBundleId() == bundle.getBundleId());
    if (!pending) {
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    wiring.refreshBundles(
        List.of(bundle),
        // only the completion (PACKAGES_REFRESHED) is sent to this listener
        event -> done.countDown());
    try {
      if (!done.await(REFRESH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Refreshing the bundles wired to {} did not finish within {} s",
            bundle.getSymbolicName(),
            REFRESH_TIMEOUT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
