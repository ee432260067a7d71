package cores.launcher.feature;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code <name>.json} feature files from the distribution's {@code features/} folder and
 * checks that every bundle they name is in the distribution's {@code bundles/} repository.
 */
public final class FeatureReader {

  private static final String RESOURCE_VERSION = "1.0";

  // The Feature JSON format allows comments (Compendium 160.2.2).
  private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
  private final Path featuresDirectory;
  private final Path repository;

  public FeatureReader(Path featuresDirectory, Path repository) {
    this.featuresDirectory = featuresDirectory;
    this.repository = repository;
  }

  /** Whether the distribution has this feature (providers' features are optional). */
  public boolean exists(String name) {
    return Files.isRegularFile(file(name));
  }

  public Feature read(String name) throws FeatureException {
    Path file = file(name);
    JsonNode root;
    try {
      root = json.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new FeatureException("feature " + name + " is not installed (" + file + ")", e);
    } catch (JsonProcessingException e) {
      throw new FeatureException(
          file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")", e);
    } catch (IOException e) {
      throw new FeatureException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      return parse(name, root);
    } catch (IllegalArgumentException e) {
      throw new FeatureException(file + ": " + e.getMessage(), e);
    }
  }

  private Feature parse(String name, JsonNode root) throws FeatureException {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a feature (expected a JSON object)");
    }
    String version = root.path("feature-resource-version").asText(RESOURCE_VERSION);
    if (!version.equals(RESOURCE_VERSION)) {
      throw new IllegalArgumentException("feature-resource-version " + version + " is not 1.0");
    }
    String id = root.path("id").asText("");
    if (id.isBlank()) {
      throw new IllegalArgumentException("has no id");
    }
    List<FeatureBundle> bundles = new ArrayList<>();
    for (JsonNode entry : root.path("bundles")) {
      FeatureBundle bundle = bundle(entry);
      if (!Files.isRegularFile(bundle.path(repository))) {
        throw new FeatureException(
            "feature " + name + " names " + bundle.id() + ", which is not in " + repository);
      }
      bundles.add(bundle);
    }
    return new Feature(name, id, bundles, configurations(root.path("configurations")));
  }

  private static FeatureBundle bundle(JsonNode entry) {
    if (entry.isTextual()) {
      throw new IllegalArgumentException(
          "bundle "
              + entry.asText()
              + " has no start-order (write {\"id\": ..., \"start-order\": N})");
    }
    String id = entry.path("id").asText("");
    JsonNode order = entry.get("start-order");
    if (order == null) {
      throw new IllegalArgumentException("bundle " + id + " has no start-order");
    }
    // Compendium 160 writes start-order as a string; accept numbers too.
    int level;
    try {
      level = order.isNumber() ? order.intValue() : Integer.parseInt(order.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bundle " + id + ": start-order is not a number", e);
    }
    if (level < 1) {
      throw new IllegalArgumentException("bundle " + id + ": start-order must be 1 or more");
    }
    JsonNode spifly = entry.path("spifly");
    if (!spifly.isMissingNode() && !spifly.isBoolean()) {
      throw new IllegalArgumentException("bundle " + id + ": spifly must be true or false");
    }
    return FeatureBundle.parse(id, level, spifly.asBoolean(true));
  }

  private static Map<String, Map<String, Object>> configurations(JsonNode node) {
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> pids = node.fields();
    while (pids.hasNext()) {
      Map.Entry<String, JsonNode> pid = pids.next();
      Map<String, Object> properties = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> props = pid.getValue().fields();
      while (props.hasNext()) {
        Map.Entry<String, JsonNode> p = props.next();
        properties.put(p.getKey(), scalar(pid.getKey() + "/" + p.getKey(), p.getValue()));
      }
      result.put(pid.getKey(), properties);
    }
    return result;
  }

  private static Object scalar(String where, JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isInt()) {
      return value.intValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    throw new IllegalArgumentException(
        "configuration " + where + ": only strings, numbers and booleans are supported");
  }

  private Path file(String name) {
    return featuresDirectory.resolve(name + ".json");
  }
}
