package cores.plugins;

import cores.api.system.Problem;
import cores.api.system.ProblemReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates and uninstalls the bundles of the plugins folder while the platform runs.
 *
 * <p>The folder is polled rather than watched with a {@code WatchService}: a watch event arrives
 * when a copy starts, not when it ends, and is not delivered at all on some network or container
 * volumes; polling sizes and modification times works everywhere. The plugins it installed stay
 * when the component goes away: stopping them is the framework's job when it shuts down.
 *
 * <p>It reports, as the part {@code plugins} of {@code /api/system}, the plugins whose start hangs
 * (their activator does not return) or failed.
 */
@Component(
    configurationPid = "cores.plugins",
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = ProblemReport.class,
    immediate = true)
@Designate(ocd = PluginsConfig.class)
public final class PluginWatcher implements ProblemReport {

  private static final Logger LOG = LoggerFactory.getLogger(PluginWatcher.class);

  /** How long deactivation waits for a poll in progress (an install, a refresh) to finish. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Thread thread;
  private final PluginFolder folder;

  @Activate
  public PluginWatcher(BundleContext context, PluginsConfig config) {
    Path directory = Path.of(config.directory()).toAbsolutePath().normalize();
    long interval = Math.max(1, config.pollIntervalMillis());
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      // the polls keep trying to read it, so a volume mounted later is still picked up
      LOG.warn("Plugins folder {} could not be created: {}", directory, e.toString());
    }
    folder =
        PluginFolder.open(
            directory, context, Duration.ofMillis(Math.max(1, config.startTimeoutMillis())));
    thread = new Thread(() -> watch(folder, interval), "cores-plugins");
    thread.setDaemon(true);
    thread.start();
    LOG.info("Watching {} for plugin bundles every {} ms", directory, interval);
  }

  private void watch(PluginFolder folder, long interval) {
    try (folder) {
      do {
        try {
          folder.poll();
        } catch (IllegalStateException e) {
          // the bundle context became invalid: the framework is stopping under us
          LOG.debug("Plugins watcher stopping with the framework", e);
          return;
        } catch (RuntimeException e) {
          LOG.error("Looking at the plugins folder failed; trying again at the next poll", e);
        }
      } while (!stopping.await(interval, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String name() {
    return "plugins";
  }

  @Override
  public List<Problem> problems() {
    return folder.problems();
  }

  @Deactivate
  void deactivate() {
    stopping.countDown();
    try {
      thread.join(STOP_TIMEOUT.toMillis());
      if (thread.isAlive()) {
        LOG.warn(
            "Plugins watcher still busy after {} s; interrupting it", STOP_TIMEOUT.toSeconds());
        thread.interrupt();
        thread.join(STOP_TIMEOUT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
