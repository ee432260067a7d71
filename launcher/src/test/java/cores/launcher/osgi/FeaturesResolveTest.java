package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureBundle;
import cores.launcher.feature.FeatureReader;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The build's resolution check: every feature's bundles, with the core feature's, resolve in the
 * OSGi framework the launcher starts, and so do the plugins of this repository that are part of no
 * feature. A missing import or capability fails {@code mvn verify} here, naming the bundle and the
 * requirement, instead of a user's start.
 */
class FeaturesResolveTest {
  private static final Path FEATURES = Path.of("../features/target/repository/features");
  private static final Path REPOSITORY = Path.of("../features/target/repository/bundles");

  /** Plugins shipped in this repository for dropping into the plugins folder. */
  private static final List<Path> PLUGIN_MODULES =
      List.of(
          Path.of("../bundles/example-plugin/target"),
          Path.of("../bundles/notify-webhook/target"),
          Path.of("../bundles/auth-htpasswd/target"));

  @TempDir Path storage;

  static Stream<String> providerFeatures() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(FEATURES), "features module not built");
    try (Stream<Path> files = Files.list(FEATURES)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".json") && !name.equals("core.json"))
          .map(name -> name.substring(0, name.length() - ".json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void theCoreFeatureResolves() throws Exception {
    assertEquals(List.of(), unresolved(locations(List.of("core")), List.of()));
  }

  /** The check itself: without the api bundle, the bundles built on it are named with why. */
  @Test
  void aBundleLeftOutIsNamedByTheRequirementsItLeavesOpen() throws Exception {
    List<Path> withoutApi =
        locations(List.of("core")).stream()
            .filter(jar -> !jar.getFileName().toString().startsWith("cores-api-"))
            .toList();
    List<String> unresolved = unresolved(withoutApi, List.of());
    String http =
        unresolved.stream()
            .filter(line -> line.startsWith("cores.http: "))
            .findFirst()
            .orElseThrow();
    assertTrue(http.contains("missing requirement") && http.contains("cores.api"), http);
  }

  @ParameterizedTest
  @MethodSource("providerFeatures")
  void eachFeatureResolvesWithTheCore(String feature) throws Exception {
    assertEquals(List.of(), unresolved(locations(List.of("core", feature)), List.of()));
  }

  @Test
  void thePluginsOfThisRepositoryResolveAgainstTheCore() throws Exception {
    List<Path> plugins = new ArrayList<>();
    for (Path module : PLUGIN_MODULES) {
      Assumptions.assumeTrue(Files.isDirectory(module), module + " not built");
      try (Stream<Path> jars = Files.list(module)) {
        // the module's own jar: spotbugs leaves its findsecbugs plugin jar in target too
        jars.filter(
                j -> {
                  String name = j.getFileName().toString();
                  return name.startsWith("cores-")
                      && name.endsWith(".jar")
                      && !name.endsWith("-sources.jar")
                      && !name.endsWith("-tests.jar");
                })
            .forEach(plugins::add);
      }
    }
    assertEquals(PLUGIN_MODULES.size(), plugins.size(), "one jar per plugin module: " + plugins);
    assertEquals(List.of(), unresolved(locations(List.of("core")), plugins));
  }

  /**
   * The features are the list of bundles: the Maven side (features/pom.xml's dependencies, copied
   * into the repository) holds exactly the bundles they name, no fewer and no more.
   */
  @Test
  void theRepositoryHoldsExactlyTheBundlesTheFeaturesName() throws Exception {
    List<String> names = new ArrayList<>();
    providerFeatures().forEach(names::add);
    names.add("core");
    Set<Path> named = new TreeSet<>();
    for (Path jar : locations(names)) {
      named.add(jar.normalize());
    }
    Set<Path> copied = new TreeSet<>();
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      files.filter(f -> f.toString().endsWith(".jar")).forEach(f -> copied.add(f.normalize()));
    }
    Set<Path> missing = new TreeSet<>(named);
    missing.removeAll(copied);
    Set<Path> unnamed = new TreeSet<>(copied);
    unnamed.removeAll(named);
    assertEquals(Set.of(), missing, "named by a feature, not a dependency of features/pom.xml");
    assertEquals(Set.of(), unnamed, "a dependency of features/pom.xml that no feature names");
  }

  private static List<Path> locations(List<String> featureNames) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(REPOSITORY), "features module not built");
    FeatureReader reader = new FeatureReader(FEATURES, REPOSITORY);
    List<Path> jars = new ArrayList<>();
    for (String name : featureNames) {
      Feature feature = reader.read(name);
      for (FeatureBundle bundle : feature.bundles()) {
        jars.add(bundle.path(REPOSITORY));
      }
    }
    return jars;
  }

  /**
   * Installs the jars in a framework configured as the launcher's and resolves them without
   * starting any: one line per bundle that does not resolve, with the framework's reason.
   */
  private List<String> unresolved(List<Path> features, List<Path> plugins) throws Exception {
    return resolved(
        Stream.concat(features.stream(), plugins.stream()).toList(),
        bundles -> {
          List<String> unresolved = new ArrayList<>();
          for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.INSTALLED) {
              unresolved.add(bundle.getSymbolicName() + ": " + reason(bundle));
            }
          }
          return unresolved;
        });
  }

  /** What {@code look} finds in the jars, installed and resolved (none started). */
  private <T> T resolved(List<Path> jars, BundleLook<T> look) throws Exception {
    Felix felix =
        new Felix(
            Map.of(
                Constants.FRAMEWORK_STORAGE,
                storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN,
                Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_BEGINNING_STARTLEVEL,
                "1",
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                Platform.SYSTEM_PACKAGES_EXTRA));
    // started, so that starting a bundle resolves it; installed bundles are not started
    felix.start();
    try {
      List<Bundle> bundles = new ArrayList<>();
      for (Path jar : jars) {
        bundles.add(
            felix.getBundleContext().installBundle("reference:" + jar.toAbsolutePath().toUri()));
      }
      felix.adapt(FrameworkWiring.class).resolveBundles(bundles);
      return look.at(bundles);
    } finally {
      felix.stop();
      felix.waitForStop(10_000);
    }
  }

  private interface BundleLook<T> {
    T at(List<Bundle> bundles) throws Exception;
  }

  /**
   * SCR constructs a component with the public constructor that has as many parameters as its
   * description's {@code init}; a second public constructor of that length (one for tests) makes
   * the choice depend on reflection's order, and SCR logs the other's parameters as unsupported.
   */
  @Test
  void eachComponentHasOnePublicConstructorOfTheLengthSCRCalls() throws Exception {
    List<String> names = new ArrayList<>();
    providerFeatures().forEach(names::add);
    names.add("core");
    List<String> ambiguous =
        resolved(
            locations(names),
            bundles -> {
              List<String> found = new ArrayList<>();
              for (Bundle bundle : bundles) {
                for (Map.Entry<String, Integer> c : constructed(bundle).entrySet()) {
                  long length =
                      Stream.of(bundle.loadClass(c.getKey()).getConstructors())
                          .filter(k -> k.getParameterCount() == c.getValue())
                          .count();
                  if (length != 1) {
                    found.add(c.getKey() + ": " + length + " of " + c.getValue() + " parameters");
                  }
                }
              }
              return found;
            });
    assertEquals(List.of(), ambiguous);
  }

  private static final Pattern INIT =
      Pattern.compile("<(?:scr:)?component\\b[^>]*\\binit=\"(\\d+)\"");
  private static final Pattern IMPLEMENTATION =
      Pattern.compile("<implementation\\s+class=\"([^\"]+)\"");

  /** The bundle's components that SCR constructs with parameters: class and their number. */
  private static Map<String, Integer> constructed(Bundle bundle) throws Exception {
    Map<String, Integer> classes = new TreeMap<>();
    String header = bundle.getHeaders().get("Service-Component");
    if (header == null || bundle.getState() == Bundle.INSTALLED) {
      return classes;
    }
    for (String entry : header.split(",")) {
      URL description = bundle.getEntry(entry.trim());
      if (description == null) {
        continue;
      }
      String xml;
      try (InputStream in = description.openStream()) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Matcher init = INIT.matcher(xml);
      Matcher implementation = IMPLEMENTATION.matcher(xml);
      if (init.find() && implementation.find()) {
        classes.put(implementation.group(1), Integer.parseInt(init.group(1)));
      }
    }
    return classes;
  }

  /** Starting an unresolved bundle makes the framework say which requirement is missing. */
  private static String reason(Bundle bundle) {
    try {
      bundle.start(Bundle.START_TRANSIENT);
      return "resolves only when started";
    } catch (BundleException e) {
      return e.getMessage();
    }
  }
}
