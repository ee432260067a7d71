package cores.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Drives {@link PluginFolder} poll by poll against a real Felix framework, so every step (not yet
 * stable, installed, updated, ...) can be checked without timing.
 */
class PluginFolderTest {

  /** A hang guard: the bundles here start at once. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path storage;
  @TempDir Path plugins;

  private Felix felix;
  private BundleContext context;
  private PluginFolder folder;

  @BeforeEach
  void boot() throws Exception {
    felix = new Felix(storage);
    context = felix.context();
    folder = PluginFolder.open(plugins, context, START_TIMEOUT);
  }

  @AfterEach
  void shutdown() throws Exception {
    folder.close();
    felix.close();
  }

  @Test
  void installsAndStartsADroppedJarOnceItIsStable() throws Exception {
    drop("hello.jar", TestJars.bundle("test.hello", "1.0.0"));

    folder.poll();
    assertNull(plugin("hello.jar"), "a jar seen once may still be being copied");

    folder.poll();
    Bundle bundle = plugin("hello.jar");
    assertNotNull(bundle);
    assertEquals("test.hello", bundle.getSymbolicName());
    assertEquals(Bundle.ACTIVE, bundle.getState());

    folder.poll();
    assertEquals(1, bundlesNamed("test.hello"), "an unchanged jar is not installed again");
  }

  @Test
  void updatesTheBundleWhenTheJarIsReplaced() throws Exception {
    drop("hello.jar", TestJars.bundle("test.hello", "1.0.0").resource("marker.txt", "first"));
    folder.poll();
    folder.poll();
    Bundle bundle = plugin("hello.jar");
    long id = bundle.getBundleId();

    drop("hello.jar", TestJars.bundle("test.hello", "2.0.0").resource("marker.txt", "second"));
    folder.poll();
    assertEquals(new Version(1, 0, 0), bundle.getVersion(), "changed jar: wait until stable");
    folder.poll();

    assertEquals(id, plugin("hello.jar").getBundleId(), "updated in place, not reinstalled");
    assertEquals(new Version(2, 0, 0), bundle.getVersion());
    assertEquals("second", read(bundle.getEntry("marker.txt")));
    assertEquals(Bundle.ACTIVE, bundle.getState());
  }

  @Test
  void uninstallsTheBundleWhenTheJarIsDeleted() throws Exception {
    drop("hello.jar", TestJars.bundle("test.hello", "1.0.0"));
    folder.poll();
    folder.poll();
    Bundle bundle = plugin("hello.jar");

    Files.delete(plugins.resolve("hello.jar"));
    folder.poll();

    assertEquals(Bundle.UNINSTALLED, bundle.getState());
    assertNull(plugin("hello.jar"));
  }

  @Test
  void skipsACorruptJarWithOneWarningAndStillInstallsTheGoodOneNextToIt() throws Exception {
    Path corrupt = plugins.resolve("corrupt.jar");
    Files.write(corrupt, "this is not a zip file".getBytes(StandardCharsets.UTF_8));
    drop("good.jar", TestJars.bundle("test.good", "1.0.0"));

    for (int i = 0; i < 4; i++) {
      folder.poll();
    }

    assertEquals(Bundle.ACTIVE, plugin("good.jar").getState());
    assertNull(plugin("corrupt.jar"));
    List<String> warnings = Logs.warningsAbout(corrupt);
    assertEquals(1, warnings.size(), "logged once, not at every poll: " + warnings);
    assertTrue(warnings.get(0).contains("not a valid jar"), warnings.get(0));

    // fixed by the operator: it is looked at again because the file changed
    drop("corrupt.jar", TestJars.bundle("test.fixed", "1.0.0"));
    folder.poll();
    folder.poll();
    assertEquals(Bundle.ACTIVE, plugin("corrupt.jar").getState());
  }

  @Test
  void skipsAJarThatIsNotABundle() throws Exception {
    Path library = drop("library.jar", TestJars.plainJar());

    folder.poll();
    folder.poll();
    folder.poll();

    assertNull(plugin("library.jar"));
    List<String> warnings = Logs.warningsAbout(library);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("no Bundle-SymbolicName"), warnings.get(0));
  }

  @Test
  void skipsAJarWhoseManifestTheFrameworkRejects() throws Exception {
    Path broken =
        drop(
            "broken.jar",
            TestJars.bundle("test.broken", "1.0.0")
                .header("Import-Package", "a.b;version=\"[1,\""));

    folder.poll();
    folder.poll();

    assertNull(plugin("broken.jar"));
    assertEquals(1, Logs.warningsAbout(broken).size());
  }

  @Test
  void leavesAHalfWrittenJarAloneUntilItStopsChanging() throws Exception {
    byte[] jar =
        TestJars.bundle("test.big", "1.0.0").resource("data.txt", "x".repeat(10_000)).bytes();
    Path file = plugins.resolve("big.jar");
    Files.write(file, Arrays.copyOf(jar, jar.length / 2));

    folder.poll();
    assertNull(plugin("big.jar"));

    Files.write(file, jar);
    folder.poll();
    assertNull(plugin("big.jar"), "it changed since the previous poll: still being written");
    assertTrue(Logs.warningsAbout(file).isEmpty(), "the partial file was never looked into");

    folder.poll();
    assertEquals(Bundle.ACTIVE, plugin("big.jar").getState());
  }

  @Test
  void retriesABundleThatCouldNotStartWhenAnotherBundleArrives() throws Exception {
    Path consumer =
        drop(
            "consumer.jar",
            TestJars.bundle("test.consumer", "1.0.0").header("Import-Package", "test.shared"));
    folder.poll();
    folder.poll();
    Bundle bundle = plugin("consumer.jar");
    assertEquals(Bundle.INSTALLED, bundle.getState(), "its import is missing");
    List<String> warnings = Logs.warningsAbout(consumer);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("test.shared"), "names what is missing: " + warnings);

    folder.poll();
    assertEquals(1, Logs.warningsAbout(consumer).size(), "not logged again without a change");

    drop("provider.jar", exporter("1.0.0"));
    folder.poll();
    folder.poll();

    assertEquals(Bundle.ACTIVE, plugin("provider.jar").getState());
    assertEquals(Bundle.ACTIVE, bundle.getState());
  }

  @Test
  void refreshesTheBundlesWiredToAnUpdatedPlugin() throws Exception {
    drop("provider.jar", exporter("1.0.0"));
    drop(
        "consumer.jar",
        TestJars.bundle("test.consumer", "1.0.0").header("Import-Package", "test.shared"));
    folder.poll();
    folder.poll();
    Bundle consumer = plugin("consumer.jar");
    assertEquals(Bundle.ACTIVE, consumer.getState());
    assertEquals(new Version(1, 0, 0), providerOf(consumer));

    drop("provider.jar", exporter("2.0.0"));
    folder.poll();
    folder.poll();

    assertEquals(new Version(2, 0, 0), providerOf(consumer), "rewired to the new revision");
    FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
    assertTrue(wiring.getRemovalPendingBundles().isEmpty());
    assertEquals(Bundle.ACTIVE, consumer.getState());
  }

  @Test
  void keepsTheRunningVersionWhenTheReplacementIsCorrupt() throws Exception {
    drop("hello.jar", TestJars.bundle("test.hello", "1.0.0"));
    folder.poll();
    folder.poll();
    Bundle bundle = plugin("hello.jar");

    Path file = plugins.resolve("hello.jar");
    Files.write(file, "truncated".getBytes(StandardCharsets.UTF_8));
    folder.poll();
    folder.poll();

    assertEquals(Bundle.ACTIVE, bundle.getState());
    assertEquals(new Version(1, 0, 0), bundle.getVersion());
    List<String> warnings = Logs.warningsAbout(file);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("test.hello 1.0.0 keeps running"), warnings.get(0));
  }

  @Test
  void skipsASecondCopyOfAnInstalledBundle() throws Exception {
    drop("a.jar", TestJars.bundle("test.hello", "1.0.0"));
    Path copy = drop("b.jar", TestJars.bundle("test.hello", "1.0.0"));

    folder.poll();
    folder.poll();

    assertEquals(Bundle.ACTIVE, plugin("a.jar").getState());
    assertNull(plugin("b.jar"));
    assertEquals(1, Logs.warningsAbout(copy).size());
  }

  @Test
  void restartsADependentOnceTheRemovedBundleItNeedsComesBack() throws Exception {
    drop("provider.jar", exporter("1.0.0"));
    drop(
        "consumer.jar",
        TestJars.bundle("test.consumer", "1.0.0").header("Import-Package", "test.shared"));
    folder.poll();
    folder.poll();
    Bundle consumer = plugin("consumer.jar");
    assertEquals(Bundle.ACTIVE, consumer.getState());

    Files.delete(plugins.resolve("provider.jar"));
    folder.poll();
    assertEquals(Bundle.INSTALLED, consumer.getState(), "refreshed: its import is gone");

    drop("provider.jar", exporter("1.0.0"));
    folder.poll();
    folder.poll();
    assertEquals(Bundle.ACTIVE, consumer.getState());
  }

  @Test
  void adoptsThePluginsOfAnEarlierRunInsteadOfInstallingThemTwice() throws Exception {
    folder.close();
    Path kept = drop("kept.jar", TestJars.bundle("test.kept", "1.0.0"));
    Files.setLastModifiedTime(kept, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    Bundle keptBundle;
    try (InputStream in = Files.newInputStream(kept)) {
      keptBundle = context.installBundle(PluginBundles.location("kept.jar"), in);
    }
    Bundle goneBundle =
        context.installBundle(
            PluginBundles.location("gone.jar"),
            new java.io.ByteArrayInputStream(TestJars.bundle("test.gone", "1.0.0").bytes()));
    folder = PluginFolder.open(plugins, context, START_TIMEOUT);

    folder.poll();
    assertEquals(Bundle.UNINSTALLED, goneBundle.getState(), "its jar is no longer there");
    folder.poll();

    assertEquals(1, bundlesNamed("test.kept"));
    assertEquals(keptBundle.getBundleId(), plugin("kept.jar").getBundleId());
    assertEquals(Bundle.ACTIVE, keptBundle.getState());
  }

  @Test
  void updatesAnAdoptedPluginWhoseJarIsNewer() throws Exception {
    folder.close();
    Bundle old =
        context.installBundle(
            PluginBundles.location("hello.jar"),
            new java.io.ByteArrayInputStream(TestJars.bundle("test.hello", "1.0.0").bytes()));
    Path file = drop("hello.jar", TestJars.bundle("test.hello", "2.0.0"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(old.getLastModified() + 1_000));
    folder = PluginFolder.open(plugins, context, START_TIMEOUT);

    folder.poll();
    folder.poll();

    assertEquals(old.getBundleId(), plugin("hello.jar").getBundleId());
    assertEquals(new Version(2, 0, 0), old.getVersion());
  }

  private static Version providerOf(Bundle consumer) {
    List<BundleWire> wires =
        consumer.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
    assertEquals(1, wires.size());
    return wires.get(0).getProvider().getVersion();
  }

  private static TestJars exporter(String version) {
    return TestJars.bundle("test.provider", version)
        .header(Constants.EXPORT_PACKAGE, "test.shared;version=\"" + version + "\"")
        .resource("test/shared/info.txt", version);
  }

  /** Writes the jar next to the folder and moves it in, as a careful deployment would. */
  private Path drop(String name, TestJars jar) throws IOException {
    Path staged = Files.createTempFile(storage, "staged", ".tmp");
    Files.write(staged, jar.bytes());
    return Files.move(staged, plugins.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private Bundle plugin(String fileName) {
    return context.getBundle(PluginBundles.location(fileName));
  }

  private long bundlesNamed(String symbolicName) {
    return Stream.of(context.getBundles())
        .filter(b -> symbolicName.equals(b.getSymbolicName()))
        .count();
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
