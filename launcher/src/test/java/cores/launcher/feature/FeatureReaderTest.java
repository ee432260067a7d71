package cores.launcher.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureReaderTest {

  @TempDir Path home;
  private Path features;
  private Path bundles;
  private FeatureReader reader;

  @BeforeEach
  void distribution() throws Exception {
    features = Files.createDirectories(home.resolve("features"));
    bundles = Files.createDirectories(home.resolve("bundles"));
    reader = new FeatureReader(features, bundles);
    jar("org/example/lib/1.0/lib-1.0.jar");
    jar("org/example/app/2.0/app-2.0-extra.jar");
  }

  private void jar(String path) throws Exception {
    Path p = bundles.resolve(path);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {0x50, 0x4b});
  }

  private void feature(String name, String json) throws Exception {
    Files.writeString(features.resolve(name + ".json"), json);
  }

  @Test
  void readsBundlesStartOrderAndConfigurations() throws Exception {
    feature(
        "core",
        """
        { // comments are allowed in feature files
          "feature-resource-version": "1.0",
          "id": "cores:cores-feature-core:1",
          "bundles": [
            {"id": "org.example:lib:1.0", "start-order": 2},
            {"id": "org.example:app:jar:extra:2.0", "start-order": "6"}
          ],
          "configurations": {
            "cores.accounts": {"sessionTimeoutMinutes": 60, "big": 10000000000, "on": true, "name": "x"}
          }
        }
        """);
    Feature f = reader.read("core");
    assertEquals("core", f.name());
    assertEquals("cores:cores-feature-core:1", f.id());
    assertEquals(
        List.of(
            new FeatureBundle("org.example", "lib", "jar", "", "1.0", 2, true),
            new FeatureBundle("org.example", "app", "jar", "extra", "2.0", 6, true)),
        f.bundles());
    assertEquals(
        Map.of("sessionTimeoutMinutes", 60, "big", 10000000000L, "on", true, "name", "x"),
        f.configurations().get("cores.accounts"));
    assertEquals(
        bundles.resolve("org/example/app/2.0/app-2.0-extra.jar"), f.bundles().get(1).path(bundles));
    assertEquals("org.example:app:jar:extra:2.0", f.bundles().get(1).id());
    assertEquals("org.example:lib:1.0", f.bundles().get(0).id());
  }

  @Test
  void aBundleCanBeLeftOutOfSpiFly() throws Exception {
    feature(
        "core",
        """
        {"id": "x:y:1", "bundles": [
          {"id": "org.example:lib:1.0", "start-order": 2, "spifly": false},
          {"id": "org.example:app:jar:extra:2.0", "start-order": 6, "spifly": true}
        ]}
        """);
    List<FeatureBundle> bundles = reader.read("core").bundles();
    assertEquals(
        new FeatureBundle("org.example", "lib", "jar", "", "1.0", 2, false), bundles.get(0));
    assertTrue(bundles.get(1).spifly());
  }

  @Test
  void readAllReadsEveryFeatureFileByNameWithItsSwitch() throws Exception {
    feature("core", "{\"id\": \"x:core:1\", \"bundles\": []}");
    feature(
        "auth-x",
        "{\"id\": \"x:y:1\", \"bundles\": [], \"cores.switch:JSON|optional\":"
            + " {\"variable\": \"X_AUTH\", \"slot\": \"login\", \"rank\": 5}}");
    List<Feature> all = reader.readAll();
    assertEquals(List.of("auth-x", "core"), all.stream().map(Feature::name).toList());
    assertEquals("X_AUTH", all.get(0).switchedBy().orElseThrow().variable());
    assertEquals(5, all.get(0).switchedBy().orElseThrow().rank());
    assertFalse(all.get(1).switchedBy().isPresent());
  }

  @Test
  void aSwitchWithoutAVariableIsRefused() throws Exception {
    feature("auth-x", "{\"id\": \"x:y:1\", \"cores.switch:JSON|optional\": {\"slot\": \"login\"}}");
    FeatureException e = assertThrows(FeatureException.class, () -> reader.read("auth-x"));
    assertTrue(e.getMessage().contains("a switch needs a \"variable\""), e.getMessage());
  }

  @Test
  void missingFeature() {
    FeatureException e = assertThrows(FeatureException.class, () -> reader.read("core"));
    assertTrue(e.getMessage().startsWith("feature core is not installed"), e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void bundleNotInTheDistribution() throws Exception {
    feature(
        "core",
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"org.example:gone:1\", \"start-order\": 1}]}");
    FeatureException e = assertThrows(FeatureException.class, () -> reader.read("core"));
    assertTrue(
        e.getMessage().startsWith("feature core names org.example:gone:1, which is not in "),
        e.getMessage());
  }

  @Test
  void malformedFeatures() throws Exception {
    assertInvalid("{ nope", "not valid JSON (line 1)");
    assertInvalid("[]", "not a feature (expected a JSON object)");
    assertInvalid("{\"bundles\": []}", "has no id");
    assertInvalid(
        "{\"feature-resource-version\": \"2.0\", \"id\": \"x:y:1\"}",
        "feature-resource-version 2.0 is not 1.0");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [\"org.example:lib:1.0\"]}",
        "bundle org.example:lib:1.0 has no start-order (write {\"id\": ..., \"start-order\": N})");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"org.example:lib:1.0\"}]}",
        "bundle org.example:lib:1.0 has no start-order");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"org.example:lib:1.0\", \"start-order\": 0}]}",
        "bundle org.example:lib:1.0: start-order must be 1 or more");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"org.example:lib:1.0\", \"start-order\": \"first\"}]}",
        "bundle org.example:lib:1.0: start-order is not a number");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"lib:1.0\", \"start-order\": 1}]}",
        "bundle id \"lib:1.0\" is not group:artifact[:type[:classifier]]:version");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"a::1.0\", \"start-order\": 1}]}",
        "bundle id \"a::1.0\" has an empty part");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"org.example:lib:1.0\", \"start-order\": 1,"
            + " \"spifly\": \"no\"}]}",
        "bundle org.example:lib:1.0: spifly must be true or false");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"configurations\": {\"p\": {\"list\": [1, 2]}}}",
        "configuration p/list: only strings, numbers and booleans are supported");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"bundles\": [{\"id\": \"org.example:lib:1.0\", \"start-order\": null}]}",
        "bundle org.example:lib:1.0: start-order is not a number");
    assertInvalid(
        "{\"id\": \"x:y:1\", \"configurations\": {\"p\": {\"none\": null}}}",
        "configuration p/none: only strings, numbers and booleans are supported");
    assertInvalid("", "not a feature (expected a JSON object)");
    assertInvalid("{\"id\": \"x:y:1\", \"bundles\": [}", "not valid JSON (line 1)");
  }

  private void assertInvalid(String json, String problem) throws Exception {
    feature("bad", json);
    FeatureException e = assertThrows(FeatureException.class, () -> reader.read("bad"));
    assertEquals(features.resolve("bad.json") + ": " + problem, e.getMessage());
  }

  /** The real feature files as the features module assembled them (skipped when not built). */
  @Test
  void theCoreFeatureNamesOnlyBundlesThatAreThere() throws Exception {
    Path repository = Path.of("../features/target/repository");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(repository.resolve("features/core.json")), "features not built");
    Feature core =
        new FeatureReader(repository.resolve("features"), repository.resolve("bundles"))
            .read("core");
    assertTrue(core.bundles().size() > 50, "the core feature lists the whole runtime");
    assertTrue(
        core.bundles().stream().noneMatch(b -> b.version().contains("${")),
        "every version was filled in by the build");
  }
}
