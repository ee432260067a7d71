package cores.plugins;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plugin bundles in line with the {@code *.jar} files of one folder, one {@link #poll()}
 * at a time; not thread-safe, the watcher calls it from its single thread.
 *
 * <p>A jar is acted on only once its size and modification time are the same in two consecutive
 * polls, so a file still being copied is left alone. A jar that cannot be a bundle is logged once
 * and then ignored until the file changes. A bundle that fails to start (typically a missing
 * import) stays installed and is started again whenever the framework's set of bundles changes.
 */
final class PluginFolder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);

  /** What was last done about one file name. */
  private record Plugin(Fingerprint handled, Long bundleId) {
    Plugin {
      // a bundle adopted at start has no fingerprint yet; a rejected jar may have no bundle
      if (handled == null && bundleId == null) {
        throw new IllegalArgumentException("a plugin needs a fingerprint or a bundle");
      }
    }
  }

  private final Path directory;
  private final BundleContext context;
  private final PluginBundles bundles;

  /** Each file's fingerprint at the previous poll: equal twice in a row means stable. */
  private final Map<String, Fingerprint> lastSeen = new HashMap<>();

  private final Map<String, Plugin> plugins = new HashMap<>();

  /** The last start failure logged per bundle id, so that retries do not repeat the same WARN. */
  private final Map<Long, String> startFailures = new HashMap<>();

  private final AtomicLong bundleSetChanges = new AtomicLong();
  private final SynchronousBundleListener bundleSetListener = this::bundleChanged;
  private long bundleSetChangesSeen;
  private boolean folderMissingLogged;

  private PluginFolder(Path directory, BundleContext context) {
    this.directory = directory;
    this.context = context;
    this.bundles = new PluginBundles(context);
  }

  /**
   * Starts tracking the folder. Plugin bundles already in the framework (a framework cache kept
   * from an earlier run) are adopted rather than installed twice: the first polls update them if
   * their file is newer and uninstall them if their file is gone.
   */
  static PluginFolder open(Path directory, BundleContext context) {
    PluginFolder folder = new PluginFolder(directory, context);
    context.addBundleListener(folder.bundleSetListener);
    for (Bundle bundle : folder.bundles.all()) {
      String fileName = PluginBundles.fileName(bundle);
      if (fileName != null) {
        folder.plugins.put(fileName, new Plugin(null, bundle.getBundleId()));
      }
    }
    return folder;
  }

  @Override
  public void close() {
    try {
      context.removeBundleListener(bundleSetListener);
    } catch (IllegalStateException e) {
      LOG.debug("The framework is already stopping", e);
    }
  }

  private void bundleChanged(BundleEvent event) {
    switch (event.getType()) {
      case BundleEvent.INSTALLED,
          BundleEvent.UPDATED,
          BundleEvent.UNINSTALLED,
          BundleEvent.RESOLVED,
          BundleEvent.UNRESOLVED ->
          bundleSetChanges.incrementAndGet();
      default -> {
        // starting and stopping does not change what can resolve
      }
    }
  }

  /** Looks at the folder once and installs, updates or uninstalls what changed. */
  void poll() {
    Optional<Map<String, Fingerprint>> jars = listJars();
    if (jars.isEmpty()) {
      return;
    }
    Map<String, Fingerprint> current = jars.get();
    // removals first, so that a renamed jar is uninstalled before it is installed again
    for (Iterator<Map.Entry<String, Plugin>> it = plugins.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Plugin> entry = it.next();
      if (!current.containsKey(entry.getKey())) {
        removed(entry.getKey(), entry.getValue());
        it.remove();
      }
    }
    lastSeen.keySet().retainAll(current.keySet());
    for (Map.Entry<String, Fingerprint> entry : current.entrySet()) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      String name = entry.getKey();
      Fingerprint fingerprint = entry.getValue();
      boolean stable = fingerprint.equals(lastSeen.put(name, fingerprint));
      Plugin plugin = plugins.get(name);
      if (stable && (plugin == null || !fingerprint.equals(plugin.handled()))) {
        changed(name, fingerprint, plugin);
      }
    }
    long changes = bundleSetChanges.get();
    if (changes != bundleSetChangesSeen) {
      bundleSetChangesSeen = changes;
      startWaiting();
    }
  }

  /** The folder's jars by file name (sorted, so plugins install in a predictable order). */
  private Optional<Map<String, Fingerprint>> listJars() {
    Map<String, Fingerprint> jars = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PluginFolder::isJar)) {
      for (Path file : files) {
        try {
          if (Files.isRegularFile(file)) {
            jars.put(String.valueOf(file.getFileName()), Fingerprint.of(file));
          }
        } catch (NoSuchFileException e) {
          LOG.trace("{} went away while listing", file, e);
        }
      }
    } catch (IOException e) {
      // an unmounted volume must not look like "every plugin was deleted"
      if (!folderMissingLogged) {
        LOG.warn(
            "Plugins folder {} cannot be read ({}); installed plugins are left as they are",
            directory,
            e.toString());
        folderMissingLogged = true;
      }
      return Optional.empty();
    }
    folderMissingLogged = false;
    return Optional.of(jars);
  }

  private static boolean isJar(Path file) {
    String name = String.valueOf(file.getFileName());
    // hidden files are what copy tools (rsync, editors) write before renaming into place
    return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".jar");
  }

  private void changed(String name, Fingerprint fingerprint, Plugin plugin) {
    Path file = directory.resolve(name);
    Bundle existing = plugin == null ? null : existingBundle(plugin);
    Optional<String> problem = JarCheck.problem(file);
    if (problem.isPresent()) {
      skipped(file, problem.get(), existing);
      plugins.put(name, new Plugin(fingerprint, existing == null ? null : existing.getBundleId()));
      return;
    }
    Bundle bundle;
    try {
      if (existing == null) {
        bundle = bundles.install(name, file);
        LOG.info("Installed plugin {} from {}", describe(bundle), file);
      } else if (plugin.handled() == null && !newerThan(fingerprint, existing)) {
        bundle = existing;
        LOG.info("Plugin {} from {} was already installed", describe(bundle), file);
      } else {
        bundles.update(existing, file);
        bundle = existing;
        LOG.info("Updated plugin {} from {}", describe(bundle), file);
      }
    } catch (BundleException | IOException | RuntimeException e) {
      // RuntimeException too: a malformed header can surface as IllegalArgumentException
      skipped(file, reason(e), existing);
      plugins.put(name, new Plugin(fingerprint, existing == null ? null : existing.getBundleId()));
      return;
    }
    plugins.put(name, new Plugin(fingerprint, bundle.getBundleId()));
    startFailures.remove(bundle.getBundleId());
    start(bundle, file);
  }

  /** An adopted bundle is updated only if its file was written after it was installed. */
  private static boolean newerThan(Fingerprint fingerprint, Bundle bundle) {
    return fingerprint.modified().toMillis() > bundle.getLastModified();
  }

  private Bundle existingBundle(Plugin plugin) {
    return plugin.bundleId() == null ? null : bundles.find(plugin.bundleId());
  }

  private void skipped(Path file, String reason, Bundle kept) {
    if (kept == null) {
      LOG.warn("Plugin {} skipped: {}; it is tried again when the file changes", file, reason);
    } else {
      LOG.warn(
          "Plugin {} skipped: {}; {} keeps running and the file is tried again when it changes",
          file,
          reason,
          describe(kept));
    }
  }

  private void start(Bundle bundle, Path file) {
    try {
      bundles.start(bundle);
      if (startFailures.remove(bundle.getBundleId()) != null) {
        LOG.info("Started plugin {} from {}", describe(bundle), file);
      }
    } catch (BundleException | RuntimeException e) {
      String reason = reason(e);
      if (!reason.equals(startFailures.put(bundle.getBundleId(), reason))) {
        LOG.warn(
            "Plugin {} from {} is installed but could not start: {}; it is started again when"
                + " the installed bundles or the file change",
            describe(bundle),
            file,
            reason);
      } else {
        LOG.debug("Plugin {} still cannot start: {}", describe(bundle), reason);
      }
    }
  }

  private void startWaiting() {
    for (Map.Entry<String, Plugin> entry : plugins.entrySet()) {
      Bundle bundle = existingBundle(entry.getValue());
      if (bundle != null && bundles.waitingToStart(bundle)) {
        start(bundle, directory.resolve(entry.getKey()));
      }
    }
  }

  private void removed(String name, Plugin plugin) {
    Bundle bundle = existingBundle(plugin);
    if (bundle == null) {
      return;
    }
    startFailures.remove(bundle.getBundleId());
    try {
      bundles.uninstall(bundle);
      LOG.info("Uninstalled plugin {}: {} was removed", describe(bundle), directory.resolve(name));
    } catch (BundleException | RuntimeException e) {
      LOG.warn("Plugin {} could not be uninstalled: {}", describe(bundle), reason(e));
    }
  }

  private static String describe(Bundle bundle) {
    return bundle.getSymbolicName() + " " + bundle.getVersion();
  }

  private static String reason(Exception e) {
    Throwable cause = e;
    StringBuilder reason = new StringBuilder(Objects.toString(e.getMessage(), e.toString()));
    // the framework wraps the interesting part (e.g. the missing requirement) in causes
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      reason.append(": ").append(Objects.toString(cause.getMessage(), cause.toString()));
    }
    return reason.toString();
  }
}
