package cores.persistence;

import java.io.IOException;
import java.util.List;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/**
 * Serves one bundle's changelog files to Liquibase under {@code <namespace>/<path in the bundle>}.
 *
 * <p>Liquibase identifies a changeset by id, author and file path, in one table shared by all
 * bundles; prefixing the path with the bundle's name keeps two bundles that both ship {@code
 * db/changelog.sql} apart. Paths outside the namespace (Liquibase asks for its own XSDs, for
 * example) are not found here, and Liquibase falls back to its own copies.
 */
final class NamespacedResourceAccessor implements ResourceAccessor {

  private final String prefix;
  private final ClassLoader loader;
  private final ChangelogDigest digest;

  /**
   * @param digest where each file read is recorded
   */
  NamespacedResourceAccessor(String namespace, ClassLoader loader, ChangelogDigest digest) {
    this.prefix = namespace + "/";
    this.loader = loader;
    this.digest = digest;
  }

  @Override
  public List<Resource> search(String path, boolean recursive) throws IOException {
    // A class loader cannot list a folder inside a bundle: changelogs name their files.
    throw new IOException(
        "Listing " + path + " is not supported: include each file by name instead of includeAll");
  }

  @Override
  public List<Resource> getAll(String path) {
    String normalized = normalize(path);
    if (!normalized.startsWith(prefix)) {
      return List.of();
    }
    LoaderResource resource = resource(normalized);
    return resource.exists() ? List.of(resource) : List.of();
  }

  /** The resource at a namespaced path, whether it exists or not. */
  LoaderResource resource(String namespacedPath) {
    String normalized = normalize(namespacedPath);
    String pathInLoader =
        normalized.startsWith(prefix) ? normalized.substring(prefix.length()) : null;
    return new LoaderResource(normalized, loader, pathInLoader, this);
  }

  /** Liquibase read a file of the bundle. */
  void read(String pathInLoader, byte[] content) {
    digest.read(pathInLoader, content);
  }

  private static String normalize(String path) {
    String result = path.replace('\\', '/');
    if (result.startsWith("classpath:")) {
      result = result.substring("classpath:".length());
    }
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    return result;
  }

  @Override
  public List<String> describeLocations() {
    return List.of("resources of " + prefix);
  }

  @Override
  public void close() {
    // the class loader belongs to the bundle; nothing was opened here
  }
}
