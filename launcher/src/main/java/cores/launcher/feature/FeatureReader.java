package cores.launcher.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import cores.envconfig.Switch;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads {@code <name>.json} feature files from the distribution's {@code features/} folder and
 * checks that every bundle they name is in the distribution's {@code bundles/} repository.
 *
 * <p>The files are read with Jackson's streaming parser into plain maps, lists and scalars: its
 * {@code ObjectMapper} costs a cold JVM about a tenth of a second to initialise, on the path to the
 * framework's start, for files this small.
 */
public final class FeatureReader {

  private static final String RESOURCE_VERSION = "1.0";

  /**
   * The extension (Compendium 160.4) naming the environment variable that turns a feature on, with
   * its slot and rank where features exclude each other (see {@link Switch#of}).
   */
  public static final String SWITCH = "cores.switch:JSON|optional";

  /** JSON null, which maps could not tell from a missing field otherwise. */
  private static final Object NULL = new Object();

  // The Feature JSON format allows comments (Compendium 160.2.2).
  private final JsonFactory json =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
  private final Path featuresDirectory;
  private final Path repository;

  public FeatureReader(Path featuresDirectory, Path repository) {
    this.featuresDirectory = featuresDirectory;
    this.repository = repository;
  }

  /** Every feature of the distribution, by name. */
  public List<Feature> readAll() throws FeatureException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(featuresDirectory)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".json"))
          .map(f -> f.substring(0, f.length() - ".json".length()))
          .sorted()
          .forEach(names::add);
    } catch (IOException e) {
      throw new FeatureException(
          featuresDirectory + ": cannot be read (" + e.getMessage() + ")", e);
    }
    List<Feature> features = new ArrayList<>();
    for (String name : names) {
      features.add(read(name));
    }
    return features;
  }

  public Feature read(String name) throws FeatureException {
    Path file = file(name);
    Object root;
    try (JsonParser parser = json.createParser(Files.readString(file))) {
      root = parser.nextToken() == null ? null : value(parser);
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

  /**
   * The value at the parser's current token: a map for an object, a list for an array, a String,
   * Integer, Long, BigInteger, Double or Boolean, or {@link #NULL} for JSON null.
   */
  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          object.put(field, value(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return parser.getNumberValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      default -> {
        return NULL;
      }
    }
  }

  /** A scalar as text, {@code otherwise} for a missing field, null, an object or an array. */
  private static String text(Object value, String otherwise) {
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value.toString()
        : otherwise;
  }

  /** The object's fields; none when it is not an object. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** An array's elements or an object's values; none for anything else. */
  private static Collection<?> elements(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    return value instanceof Map<?, ?> map ? map.values() : List.of();
  }

  private Feature parse(String name, Object rootValue) throws FeatureException {
    if (!(rootValue instanceof Map)) {
      throw new IllegalArgumentException("not a feature (expected a JSON object)");
    }
    Map<String, Object> root = fields(rootValue);
    String version = text(root.get("feature-resource-version"), RESOURCE_VERSION);
    if (!version.equals(RESOURCE_VERSION)) {
      throw new IllegalArgumentException("feature-resource-version " + version + " is not 1.0");
    }
    String id = text(root.get("id"), "");
    if (id.isBlank()) {
      throw new IllegalArgumentException("has no id");
    }
    List<FeatureBundle> bundles = new ArrayList<>();
    for (Object entry : elements(root.get("bundles"))) {
      FeatureBundle bundle = bundle(entry);
      if (!Files.isRegularFile(bundle.path(repository))) {
        throw new FeatureException(
            "feature " + name + " names " + bundle.id() + ", which is not in " + repository);
      }
      bundles.add(bundle);
    }
    Object switchedBy = root.get(SWITCH);
    Optional<Switch> on =
        switchedBy == null ? Optional.empty() : Optional.of(Switch.of(fields(switchedBy)));
    return new Feature(name, id, bundles, configurations(root.get("configurations")), on);
  }

  private static FeatureBundle bundle(Object entryValue) {
    if (entryValue instanceof String text) {
      throw new IllegalArgumentException(
          "bundle " + text + " has no start-order (write {\"id\": ..., \"start-order\": N})");
    }
    Map<String, Object> entry = fields(entryValue);
    String id = text(entry.get("id"), "");
    Object order = entry.get("start-order");
    if (order == null) {
      throw new IllegalArgumentException("bundle " + id + " has no start-order");
    }
    // Compendium 160 writes start-order as a string; accept numbers too.
    int level;
    try {
      level =
          order instanceof Number number ? number.intValue() : Integer.parseInt(text(order, ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bundle " + id + ": start-order is not a number", e);
    }
    if (level < 1) {
      throw new IllegalArgumentException("bundle " + id + ": start-order must be 1 or more");
    }
    Object spifly = entry.getOrDefault("spifly", Boolean.TRUE);
    if (!(spifly instanceof Boolean)) {
      throw new IllegalArgumentException("bundle " + id + ": spifly must be true or false");
    }
    return FeatureBundle.parse(id, level, (Boolean) spifly);
  }

  private static Map<String, Map<String, Object>> configurations(Object node) {
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> pid : fields(node).entrySet()) {
      Map<String, Object> properties = new LinkedHashMap<>();
      for (Map.Entry<String, Object> p : fields(pid.getValue()).entrySet()) {
        properties.put(p.getKey(), scalar(pid.getKey() + "/" + p.getKey(), p.getValue()));
      }
      result.put(pid.getKey(), properties);
    }
    return result;
  }

  private static Object scalar(String where, Object value) {
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double) {
      return value;
    }
    if (value instanceof BigInteger big) {
      return big.doubleValue(); // beyond long, as a number it still is
    }
    throw new IllegalArgumentException(
        "configuration " + where + ": only strings, numbers and booleans are supported");
  }

  private Path file(String name) {
    return featuresDirectory.resolve(name + ".json");
  }
}
