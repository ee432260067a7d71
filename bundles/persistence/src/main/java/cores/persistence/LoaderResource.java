package cores.persistence;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import liquibase.resource.AbstractResource;
import liquibase.resource.Resource;

/** A changelog file found (or not) through a bundle's class loader. */
final class LoaderResource extends AbstractResource {

  private final ClassLoader loader;
  private final String pathInLoader;
  private final NamespacedResourceAccessor accessor;

  /**
   * @param path the namespaced path Liquibase sees
   * @param loader the loader to read from
   * @param pathInLoader the path inside the loader, null when outside the namespace
   */
  LoaderResource(
      String path, ClassLoader loader, String pathInLoader, NamespacedResourceAccessor accessor) {
    super(path, uriOf(path));
    this.loader = loader;
    this.pathInLoader = pathInLoader;
    this.accessor = accessor;
  }

  // A synthetic URI: bundle URLs differ between framework runs, the path does not.
  private static URI uriOf(String path) {
    try {
      return new URI("cores-schema", null, "/" + path, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Not a usable changelog path: " + path, e);
    }
  }

  @Override
  public boolean exists() {
    return pathInLoader != null && loader.getResource(pathInLoader) != null;
  }

  @Override
  public InputStream openInputStream() throws IOException {
    InputStream in = pathInLoader == null ? null : loader.getResourceAsStream(pathInLoader);
    if (in == null) {
      throw new FileNotFoundException(getPath());
    }
    // read whole: changelog files are small, and what Liquibase read goes into the digest
    byte[] content;
    try (in) {
      content = in.readAllBytes();
    }
    accessor.read(pathInLoader, content);
    return new ByteArrayInputStream(content);
  }

  @Override
  public Resource resolve(String other) {
    return accessor.resource(resolvePath(other));
  }

  @Override
  public Resource resolveSibling(String other) {
    return accessor.resource(resolveSiblingPath(other));
  }
}
