package cores.launcher.feature;

import cores.envconfig.Declaration;
import cores.envconfig.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads {@code <name>.json} feature files from the distribution's {@code features/} folder and
 * checks that every bundle they name is in the distribution's {@code bundles/} repository (the JSON
 * read by {@link Json}, the switch and configurations by {@link Declaration}).
 */
public final class FeatureReader {

  private static final String RESOURCE_VERSION = "1.0";

  /** The extension naming the variable that turns a feature on (see {@link Declaration}). */
  public static final String SWITCH = Declaration.SWITCH;

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
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new FeatureException("feature " + name + " is not installed (" + file + ")", e);
    } catch (IOException e) {
      throw new FeatureException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      return parse(name, Json.parse(text));
    } catch (IllegalArgumentException e) {
      throw new FeatureException(file + ": " + e.getMessage(), e);
    }
  }

  /** A scalar as text, {@code otherwise} for a missing field, null, an object or an array. */
  private static String text(Object value, String otherwise) {
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value.toString()
        : otherwise;
  }

  private static Map<String, Object> fields(Object value) {
    return Json.fields(value);
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
    Declaration declared = Declaration.of(name, root);
    return new Feature(name, id, bundles, declared.configurations(), declared.switchedBy());
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

  private Path file(String name) {
    return featuresDirectory.resolve(name + ".json");
  }
}
