package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.envconfig.Resolved;
import cores.launcher.LaunchException;
import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleWiring;

/** Boots a real Felix with real bundles from the features module's repository. */
class PlatformTest {

  private static final Path REPOSITORY = Path.of("../features/target/repository/bundles");

  @TempDir Path home;
  private Path features;

  @BeforeEach
  void requireBuiltBundles() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(REPOSITORY), "features module not built");
    features = Files.createDirectories(home.resolve("features"));
  }

  private Feature feature(String json) throws Exception {
    return feature(json, REPOSITORY);
  }

  private Feature feature(String json, Path repository) throws Exception {
    Files.writeString(features.resolve("test.json"), json);
    return new FeatureReader(features, repository).read("test");
  }

  private static final String VERSIONS = "org.apache.felix:org.apache.felix.configadmin:1.9.26";

  @Test
  void startsBundlesAtTheirLevelsAndAppliesConfigurations() throws Exception {
    Feature f =
        feature(
            "{\"id\": \"t:t:1\", \"bundles\": ["
                + "{\"id\": \"org.osgi:org.osgi.util.function:1.2.0\", \"start-order\": 1},"
                + "{\"id\": \""
                + VERSIONS
                + "\", \"start-order\": 2}]}");
    Platform platform =
        Platform.start(
            home.resolve("cache"),
            REPOSITORY,
            List.of(f),
            List.of(new Resolved("cores.test", Map.of("port", 8000, "debug", true), Map.of())),
            false);
    try {
      BundleContext context = platform.bundleContext();
      Bundle cm = bundle(context, "org.apache.felix.configadmin");
      assertEquals(Bundle.ACTIVE, cm.getState());
      assertEquals(2, cm.adapt(BundleStartLevel.class).getStartLevel());
      assertEquals(
          1,
          bundle(context, "org.osgi.util.function").adapt(BundleStartLevel.class).getStartLevel());

      Dictionary<?, ?> props = configuration(context, "cores.test");
      assertEquals(8000, props.get("port"));
      assertEquals(true, props.get("debug"));

      // the HTTP bundle's readiness waits for exactly these
      assertEquals(
          "reference:"
              + REPOSITORY.resolve("org/osgi/org.osgi.util.function/1.2.0").toUri()
              + "org.osgi.util.function-1.2.0.jar reference:"
              + REPOSITORY.resolve("org/apache/felix/org.apache.felix.configadmin/1.9.26").toUri()
              + "org.apache.felix.configadmin-1.9.26.jar",
          context.getProperty(Platform.FEATURE_BUNDLES));

      assertTrue(
          platform
              .awaitService(
                  "(objectClass=org.osgi.service.cm.ConfigurationAdmin)", Duration.ofSeconds(1))
              .isPresent());
      assertTrue(platform.awaitService("(cores.command=none)", Duration.ofMillis(100)).isEmpty());
      // the start confirmed: the HTTP bundle's readiness waits for this word
      assertTrue(
          platform
              .awaitService("(" + Platform.STARTED + "=true)", Duration.ofMillis(100))
              .isPresent());

      // bin/cores cds links the classes of a jar through the loader of the bundle read from it
      Path jar =
          REPOSITORY
              .resolve(
                  "org/apache/felix/org.apache.felix.configadmin/1.9.26/"
                      + "org.apache.felix.configadmin-1.9.26.jar")
              .toAbsolutePath()
              .normalize();
      ClassLoader loader = platform.classLoaderOf(jar).orElseThrow();
      assertEquals(
          cm.adapt(BundleWiring.class).getClassLoader(),
          loader.loadClass("org.apache.felix.cm.impl.ConfigurationManager").getClassLoader());
      assertTrue(platform.classLoaderOf(home.resolve("elsewhere.jar")).isEmpty());
    } finally {
      platform.stop();
    }
  }

  @Test
  void aBundleThatDoesNotResolveFailsTheStartNamingIt() throws Exception {
    // SCR without its OSGi dependencies cannot resolve
    Feature f =
        feature(
            "{\"id\": \"t:t:1\", \"bundles\": ["
                + "{\"id\": \""
                + VERSIONS
                + "\", \"start-order\": 1},"
                + "{\"id\": \"org.apache.felix:org.apache.felix.scr:2.2.12\", \"start-order\": 2}]}");
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () -> Platform.start(home.resolve("cache"), REPOSITORY, List.of(f), List.of(), false));
    assertEquals(LaunchException.PLATFORM_FAILED, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith("1 bundle(s) did not start, first: org.apache.felix.scr 2.2.12: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("Unable to resolve"), e.getMessage());
  }

  @Test
  void withoutConfigurationAdminTheStartFails() throws Exception {
    Feature f =
        feature(
            "{\"id\": \"t:t:1\", \"bundles\": ["
                + "{\"id\": \"org.osgi:org.osgi.util.function:1.2.0\", \"start-order\": 2}]}");
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () -> Platform.start(home.resolve("cache"), REPOSITORY, List.of(f), List.of(), false));
    assertEquals("Configuration Admin is not running: check features/core.json", e.getMessage());
  }

  /**
   * A component that refuses its {@code port} property, as the HTTP server does when it is taken.
   * The exception class is the bundle's import: this class path must not hold Config Admin's API,
   * or the framework would not see Config Admin's service (another class space).
   */
  public static final class RefusesPort {
    public RefusesPort() throws Exception {
      throw (Exception)
          RefusesPort.class
              .getClassLoader()
              .loadClass("org.osgi.service.cm.ConfigurationException")
              .getConstructor(String.class, String.class)
              .newInstance("port", "cannot listen on port 1 (Address already in use)");
    }
  }

  /**
   * As {@link RefusesPort}, but only once the system property {@value #REFUSE} is set: it starts,
   * and refuses when re-activated later.
   */
  public static final class RefusesPortLater {
    public static final String REFUSE = "cores.launcher.test.refusePort";

    public RefusesPortLater() throws Exception {
      // only this class is in the bundle: RefusesPort's constructor is not at hand
      if (System.getProperty(REFUSE) != null) {
        throw (Exception)
            RefusesPortLater.class
                .getClassLoader()
                .loadClass("org.osgi.service.cm.ConfigurationException")
                .getConstructor(String.class, String.class)
                .newInstance("port", "cannot listen on port 1 (Address already in use)");
      }
    }
  }

  /** A component that fails for a reason of its own. */
  public static final class Fails {
    public Fails() {
      throw new IllegalStateException("not today");
    }
  }

  /** SCR and its dependencies, then a bundle (built here) with one component. */
  private Feature componentFeature(Class<?> implementation) throws Exception {
    Path repository = home.resolve("repository");
    for (String folder :
        List.of(
            "org/osgi/org.osgi.util.function/1.2.0",
            "org/osgi/org.osgi.util.promise/1.3.0",
            "org/osgi/org.osgi.service.component/1.5.1",
            "org/apache/felix/org.apache.felix.configadmin/1.9.26",
            "org/apache/felix/org.apache.felix.scr/2.2.12")) {
      Path target = Files.createDirectories(repository.resolve(folder));
      try (var jars = Files.list(REPOSITORY.resolve(folder))) {
        for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
          Files.copy(jar, target.resolve(jar.getFileName()));
        }
      }
    }
    ComponentBundles.write(
        Files.createDirectories(repository.resolve("test/test-components/1"))
            .resolve("test-components-1.jar"),
        "test.components",
        "test.component",
        implementation);
    return feature(
        "{\"id\": \"t:t:1\", \"bundles\": ["
            + "{\"id\": \"org.osgi:org.osgi.util.function:1.2.0\", \"start-order\": 1},"
            + "{\"id\": \"org.osgi:org.osgi.util.promise:1.3.0\", \"start-order\": 1},"
            + "{\"id\": \"org.osgi:org.osgi.service.component:1.5.1\", \"start-order\": 1},"
            + "{\"id\": \""
            + VERSIONS
            + "\", \"start-order\": 2},"
            + "{\"id\": \"org.apache.felix:org.apache.felix.scr:2.2.12\", \"start-order\": 3},"
            + "{\"id\": \"test:test-components:1\", \"start-order\": 4}]}",
        repository);
  }

  /**
   * The refusal is logged once, by its variable: SCR's entry naming the property is held back (the
   * log's records, as the launcher's handler receives them).
   */
  @Test
  void aComponentRefusingAPropertyWrittenFromAVariableFailsTheStartNamingTheVariable()
      throws Exception {
    Feature f = componentFeature(RefusesPort.class);
    List<String> errors;
    LaunchException e;
    try (LogRecords log = LogRecords.all()) {
      e =
          assertThrows(
              LaunchException.class,
              () ->
                  Platform.start(
                      home.resolve("cache"),
                      home.resolve("repository"),
                      List.of(f),
                      List.of(
                          new Resolved(
                              "cores.test", Map.of("port", 1), Map.of("port", "CORES_HTTP_PORT"))),
                      false));
      errors = log.messages(Level.SEVERE);
    }
    assertEquals(LaunchException.BAD_CONFIGURATION, e.exitCode());
    assertEquals(
        "CORES_HTTP_PORT: cannot listen on port 1 (Address already in use)", e.getMessage());
    assertEquals(
        List.of(
            "component test.component of test.components did not activate: CORES_HTTP_PORT:"
                + " cannot listen on port 1 (Address already in use)"),
        errors.stream().filter(m -> m.contains("cannot listen on port 1")).toList());
  }

  /**
   * After the start, a feature's component that refuses its setting (here re-activated as its
   * bundle restarts) is said in the same one line as during the start, by the variable, without
   * SCR's entry naming the property or a stack trace.
   */
  @Test
  void aRefusalAfterTheStartIsTheSameOneLineNamingTheVariable() throws Exception {
    Feature f = componentFeature(RefusesPortLater.class);
    Platform platform =
        Platform.start(
            home.resolve("cache"),
            home.resolve("repository"),
            List.of(f),
            List.of(
                new Resolved("cores.test", Map.of("port", 1), Map.of("port", "CORES_HTTP_PORT"))),
            false);
    String line =
        "component test.component of test.components did not activate: CORES_HTTP_PORT:"
            + " cannot listen on port 1 (Address already in use)";
    List<String> errors;
    try (LogRecords log = LogRecords.all()) {
      System.setProperty(RefusesPortLater.REFUSE, "true");
      Bundle components = bundle(platform.bundleContext(), "test.components");
      components.stop();
      components.start();
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (log.messages(Level.SEVERE).isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      errors = log.messages(Level.SEVERE);
      assertTrue(log.list().stream().allMatch(r -> r.getThrown() == null), "no stack trace");
    } finally {
      System.clearProperty(RefusesPortLater.REFUSE);
      platform.stop();
    }
    assertEquals(List.of(line), errors);
  }

  @Test
  void aComponentThatFailsToActivateFailsTheStartNamingIt() throws Exception {
    Feature f = componentFeature(Fails.class);
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                Platform.start(
                    home.resolve("cache"),
                    home.resolve("repository"),
                    List.of(f),
                    List.of(new Resolved("cores.test", Map.of("port", 1), Map.of())),
                    false));
    assertEquals(LaunchException.PLATFORM_FAILED, e.exitCode());
    assertEquals(
        "1 component(s) did not activate, first: test.component of test.components:"
            + " java.lang.IllegalStateException: not today",
        e.getMessage());
  }

  /** SPI Fly, its ASM bundles, Config Admin and a service-loader provider (angus-activation). */
  private Feature serviceLoaderFeature(String providerSpifly) throws Exception {
    StringBuilder json = new StringBuilder("{\"id\": \"t:t:1\", \"bundles\": [");
    json.append(
        "{\"id\": \"org.apache.aries.spifly:org.apache.aries.spifly.dynamic.bundle:1.3.7\","
            + " \"start-order\": 1},");
    for (String asm : List.of("asm", "asm-commons", "asm-tree", "asm-analysis", "asm-util")) {
      json.append("{\"id\": \"org.ow2.asm:").append(asm).append(":9.8\", \"start-order\": 1},");
    }
    json.append("{\"id\": \"" + VERSIONS + "\", \"start-order\": 2},")
        .append(
            "{\"id\": \"jakarta.activation:jakarta.activation-api:2.1.3\", \"start-order\": 2},")
        .append("{\"id\": \"org.eclipse.angus:angus-activation:2.0.2\", \"start-order\": 2")
        .append(providerSpifly)
        .append("}]}");
    return feature(json.toString());
  }

  private static final String MIME_PROVIDER =
      "(objectClass=jakarta.activation.spi.MimeTypeRegistryProvider)";

  @Test
  void spiFlyRegistersAProvidersServicesByDefault() throws Exception {
    Platform platform =
        Platform.start(
            home.resolve("cache"), REPOSITORY, List.of(serviceLoaderFeature("")), List.of(), false);
    try {
      assertTrue(platform.awaitService(MIME_PROVIDER, Duration.ofSeconds(5)).isPresent());
    } finally {
      platform.stop();
    }
  }

  @Test
  void aBundleMarkedSpiflyFalseIsActiveButHiddenFromSpiFly() throws Exception {
    Platform platform =
        Platform.start(
            home.resolve("cache"),
            REPOSITORY,
            List.of(serviceLoaderFeature(", \"spifly\": false")),
            List.of(),
            false);
    try {
      BundleContext context = platform.bundleContext();
      assertEquals(Bundle.ACTIVE, bundle(context, "angus-activation").getState());
      assertEquals(
          Bundle.ACTIVE, bundle(context, "org.apache.aries.spifly.dynamic.bundle").getState());
      // SPI Fly registers synchronously when the provider starts: nothing came by the end of it
      assertNull(context.getServiceReference("jakarta.activation.spi.MimeTypeRegistryProvider"));
      // hidden from SPI Fly only: other bundles still see it
      assertFalse(
          sees(bundle(context, "org.apache.aries.spifly.dynamic.bundle"), "angus-activation"));
      assertTrue(sees(bundle(context, "org.apache.felix.configadmin"), "angus-activation"));
    } finally {
      platform.stop();
    }
  }

  private static Bundle bundle(BundleContext context, String symbolicName) {
    for (Bundle b : context.getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError(symbolicName + " not installed");
  }

  private static boolean sees(Bundle viewer, String symbolicName) {
    for (Bundle b : viewer.getBundleContext().getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        return true;
      }
    }
    return false;
  }

  /** Reads a configuration back through Config Admin, by reflection like the launcher. */
  private static Dictionary<?, ?> configuration(BundleContext context, String pid)
      throws Exception {
    ServiceReference<?> ref = context.getServiceReference(ConfigurationAdminBridge.SERVICE);
    Object admin = context.getService(ref);
    Class<?> type = ref.getBundle().loadClass(ConfigurationAdminBridge.SERVICE);
    Object config =
        type.getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, "?");
    Class<?> configType = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
    return (Dictionary<?, ?>) configType.getMethod("getProperties").invoke(config);
  }
}
