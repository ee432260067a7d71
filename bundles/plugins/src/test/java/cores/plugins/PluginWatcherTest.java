package cores.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.system.Problem;
import cores.plugins.testbundle.HangingActivator;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The component as the platform runs it: its own thread polling a real folder. */
class PluginWatcherTest {

  @TempDir Path storage;
  @TempDir Path root;

  private Felix felix;
  private BundleContext context;

  @BeforeEach
  void boot() throws Exception {
    felix = new Felix(storage);
    context = felix.context();
  }

  @AfterEach
  void shutdown() throws Exception {
    felix.close();
  }

  @Test
  void createsTheFolderThenFollowsDropsAndDeletesUntilDeactivated() throws Exception {
    Path plugins = root.resolve("srv/plugins");
    PluginWatcher watcher = new PluginWatcher(context, config(plugins, 50));
    try {
      assertTrue(Files.isDirectory(plugins), "a missing folder is created");
      assertEquals(1, watcherThreads());

      Files.write(plugins.resolve("hello.jar"), TestJars.bundle("test.hello", "1.0.0").bytes());
      awaitTrue(() -> active(context.getBundle(PluginBundles.location("hello.jar"))));

      Files.delete(plugins.resolve("hello.jar"));
      awaitTrue(() -> context.getBundle(PluginBundles.location("hello.jar")) == null);
    } finally {
      watcher.deactivate();
    }
    assertEquals(0, watcherThreads(), "deactivation stops the polling thread");
  }

  @Test
  void leavesInstalledPluginsToTheFrameworkWhenDeactivated() throws Exception {
    Path plugins = root.resolve("plugins");
    Files.createDirectories(plugins);
    Files.write(plugins.resolve("hello.jar"), TestJars.bundle("test.hello", "1.0.0").bytes());
    PluginWatcher watcher = new PluginWatcher(context, config(plugins, 50));
    awaitTrue(() -> active(context.getBundle(PluginBundles.location("hello.jar"))));

    watcher.deactivate();

    assertTrue(active(context.getBundle(PluginBundles.location("hello.jar"))));
  }

  @Test
  void aPluginWhoseActivatorHangsDoesNotStallTheOthersAndIsReported() throws Exception {
    Path plugins = root.resolve("plugins");
    Files.createDirectories(plugins);
    Path release = root.resolve("release");
    Files.write(
        plugins.resolve("hang.jar"),
        TestJars.bundle("test.hang", "1.0.0")
            .header("Bundle-Activator", HangingActivator.class.getName())
            .header("Import-Package", "org.osgi.framework")
            .header(HangingActivator.RELEASE_HEADER, release.toString())
            .classOf(HangingActivator.class)
            .bytes());
    // the hung start is reported once it is found not to have returned within 0.2 s
    PluginWatcher watcher = new PluginWatcher(context, config(plugins, 50, 200));
    try {
      awaitTrue(() -> !watcher.problems().isEmpty());
      assertEquals(
          Bundle.STARTING, context.getBundle(PluginBundles.location("hang.jar")).getState());
      Problem problem = watcher.problems().get(0);
      assertEquals("hang.jar (test.hang 1.0.0)", problem.subject());
      assertTrue(problem.reason().contains("has not returned"), problem.reason());

      Files.write(plugins.resolve("hello.jar"), TestJars.bundle("test.hello", "1.0.0").bytes());
      awaitTrue(() -> active(context.getBundle(PluginBundles.location("hello.jar"))));
      Files.delete(plugins.resolve("hello.jar"));
      awaitTrue(() -> context.getBundle(PluginBundles.location("hello.jar")) == null);

      Files.createFile(release);
      awaitTrue(() -> watcher.problems().isEmpty());
      assertTrue(active(context.getBundle(PluginBundles.location("hang.jar"))));
      // acted on again once its start returned
      Files.delete(plugins.resolve("hang.jar"));
      awaitTrue(() -> context.getBundle(PluginBundles.location("hang.jar")) == null);
    } finally {
      if (!Files.exists(release)) {
        Files.createFile(release);
      }
      watcher.deactivate();
    }
  }

  private static boolean active(Bundle bundle) {
    return bundle != null && bundle.getState() == Bundle.ACTIVE;
  }

  private static long watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("cores-plugins") && t.isAlive())
        .count();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "not reached within 60 s");
      Thread.sleep(20);
    }
  }

  private static PluginsConfig config(Path directory, long pollIntervalMillis) {
    // a hang guard: the bundles of these tests start at once unless they are meant to hang
    return config(directory, pollIntervalMillis, 60_000);
  }

  private static PluginsConfig config(
      Path directory, long pollIntervalMillis, long startTimeoutMillis) {
    return new PluginsConfig() {
      @Override
      public String directory() {
        return directory.toString();
      }

      @Override
      public long pollIntervalMillis() {
        return pollIntervalMillis;
      }

      @Override
      public long startTimeoutMillis() {
        return startTimeoutMillis;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return PluginsConfig.class;
      }
    };
  }
}
