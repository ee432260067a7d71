package cores.plugins;

import cores.api.system.Problem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Bundles start on a thread of their own: a plugin whose activator does not return within the
 * start timeout is reported as hung and left to finish while the polls go on with the others. Its
 * file is not acted on until its start returns, as the framework would block any other operation on
 * the bundle until then. What a plugin is stuck with (a hung or failed start) is what {@link
 * #problems} reports; unlike the rest, that is read from other threads.
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

  /**
   * The last start failure per bundle id, so that retries do not repeat the same WARN; as a
   * problem.
   */
  private final Map<Long, Problem> startFailures = new ConcurrentHashMap<>();

  /** A start that did not return within the timeout. */
  private record Hung(Future<?> start, Path file, Problem problem) {}

  /** Starts that did not return within the timeout, per bundle id. */
  private final Map<Long, Hung> hung = new ConcurrentHashMap<>();

  private final Duration startTimeout;
  private final ExecutorService starter =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "cores-plugins-start");
            thread.setDaemon(true);
            return thread;
          });

  private final AtomicLong bundleSetChanges = new AtomicLong();
  private final SynchronousBundleListener bundleSetListener = this::bundleChanged;
  private long bundleSetChangesSeen;
  private boolean folderMissingLogged;

  private PluginFolder(Path directory, BundleContext context, Duration startTimeout) {
    this.directory = directory;
    this.context = context;
    this.bundles = new PluginBundles(context);
    this.startTimeout = startTimeout;
  }

  /**
   * Starts tracking the folder. Plugin bundles already in the framework (a framework cache kept
   * from an earlier run) are adopted rather than installed twice: the first polls update them if
   * their file is newer and uninstall them if their file is gone.
   *
   * @param startTimeout how long a poll waits for a bundle's start before reporting it hung
   */
  static PluginFolder open(Path directory, BundleContext context, Duration startTimeout) {
    PluginFolder folder = new PluginFolder(directory, context, startTimeout);
    context.addBundleListener(folder.bundleSetListener);
    for (Bundle bundle : folder.bundles.all()) {
      String fileName = PluginBundles.fileName(bundle);
      if (fileName != null) {
        folder.plugins.put(fileName, new Plugin(null, bundle.getBundleId()));
      }
    }
    return folder;
  }

  /** The plugins whose start hangs or failed, each named by its file and bundle. */
  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    hung.values().forEach(h -> problems.add(h.problem()));
    problems.addAll(startFailures.values());
    return problems;
  }

  @Override
  public void close() {
    // a hung activator may give up when interrupted; one that does not keeps its daemon thread
    starter.shutdownNow();
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
    finishedStarts();
    Optional<Map<String, Fingerprint>> jars = listJars();
    if (jars.isEmpty()) {
      return;
    }
    Map<String, Fingerprint> current = jars.get();
    // removals first, so that a renamed jar is uninstalled before it is installed again
    for (Iterator<Map.Entry<String, Plugin>> it = plugins.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Plugin> entry = it.next();
      if (!current.containsKey(entry.getKey()) && !isHung(entry.getValue())) {
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
      if (stable && (plugin == null || !fingerprint.equals(plugin.handled()) && !isHung(plugin))) {
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

  /** Whether the plugin's bundle is in a start that has not returned: leave it alone till then. */
  private boolean isHung(Plugin plugin) {
    return plugin.bundleId() != null && hung.containsKey(plugin.bundleId());
  }

  /** Starts the bundle on the start thread and waits for it, up to the start timeout. */
  private void start(Bundle bundle, Path file) {
    Future<?> start =
        starter.submit(
            () -> {
              bundles.start(bundle);
              return null;
            });
    try {
      start.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
      started(bundle, file, null);
    } catch (ExecutionException e) {
      started(bundle, file, e.getCause());
    } catch (TimeoutException e) {
      String reason =
          "its start has not returned after "
              + (startTimeout.toMillis() < 1000
                  ? startTimeout.toMillis() + " ms"
                  : startTimeout.toSeconds() + " s")
              + " (a hanging activator?); the file is acted on again once it returns";
      hung.put(bundle.getBundleId(), new Hung(start, file, problem(bundle, file, reason)));
      LOG.warn("Plugin {} from {}: {}", describe(bundle), file, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The hung starts that returned meanwhile: their outcome, as if they had returned in time. */
  private void finishedStarts() {
    for (Iterator<Map.Entry<Long, Hung>> it = hung.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Hung> entry = it.next();
      Hung start = entry.getValue();
      if (!start.start().isDone()) {
        continue;
      }
      it.remove();
      Bundle bundle = bundles.find(entry.getKey());
      if (bundle == null) {
        continue;
      }
      try {
        start.start().get();
        LOG.info("Plugin {} from {} finished starting after all", describe(bundle), start.file());
        started(bundle, start.file(), null);
      } catch (ExecutionException e) {
        started(bundle, start.file(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** What a start came to: started, or failed with the exception. */
  private void started(Bundle bundle, Path file, Throwable failure) {
    if (failure == null) {
      if (startFailures.remove(bundle.getBundleId()) != null) {
        LOG.info("Started plugin {} from {}", describe(bundle), file);
      }
    } else {
      String reason = reason(failure);
      Problem problem = problem(bundle, file, "it could not start: " + reason);
      if (!problem.equals(startFailures.put(bundle.getBundleId(), problem))) {
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

  private static Problem problem(Bundle bundle, Path file, String reason) {
    return new Problem(file.getFileName() + " (" + describe(bundle) + ")", reason);
  }

  private void startWaiting() {
    for (Map.Entry<String, Plugin> entry : plugins.entrySet()) {
      Bundle bundle = existingBundle(entry.getValue());
      if (bundle != null && !isHung(entry.getValue()) && bundles.waitingToStart(bundle)) {
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

  private static String reason(Throwable e) {
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
