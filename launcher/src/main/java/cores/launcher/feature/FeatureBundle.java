package cores.launcher.feature;

import java.nio.file.Path;

/**
 * A bundle of a feature: Maven coordinates ({@code group:artifact[:type[:classifier]]:version}, as
 * in OSGi Compendium 160.3), the start level it runs at and whether the service-loader mediator
 * (SPI Fly) handles it (the feature's {@code "spifly": false} says not; see {@code
 * cores.launcher.osgi.MediatorExclusions}).
 */
public record FeatureBundle(
    String groupId,
    String artifactId,
    String type,
    String classifier,
    String version,
    int startOrder,
    boolean spifly) {

  /** Parses the feature id form; returns empty-type/classifier defaults ("jar", ""). */
  static FeatureBundle parse(String id, int startOrder, boolean spifly) {
    String[] parts = id.split(":", -1);
    for (String part : parts) {
      if (part.isBlank()) {
        throw new IllegalArgumentException("bundle id \"" + id + "\" has an empty part");
      }
    }
    return switch (parts.length) {
      case 3 -> new FeatureBundle(parts[0], parts[1], "jar", "", parts[2], startOrder, spifly);
      case 4 -> new FeatureBundle(parts[0], parts[1], parts[2], "", parts[3], startOrder, spifly);
      case 5 ->
          new FeatureBundle(parts[0], parts[1], parts[2], parts[3], parts[4], startOrder, spifly);
      default ->
          throw new IllegalArgumentException(
              "bundle id \"" + id + "\" is not group:artifact[:type[:classifier]]:version");
    };
  }

  /** Where the bundle is in a Maven-repository-layout folder. */
  public Path path(Path repository) {
    String file =
        artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
    return repository
        .resolve(groupId.replace('.', '/'))
        .resolve(artifactId)
        .resolve(version)
        .resolve(file);
  }

  /** The location the bundle is installed under: stable across starts, readable in the console. */
  public String id() {
    return groupId
        + ":"
        + artifactId
        + (type.equals("jar") && classifier.isEmpty() ? "" : ":" + type)
        + (classifier.isEmpty() ? "" : ":" + classifier)
        + ":"
        + version;
  }
}
