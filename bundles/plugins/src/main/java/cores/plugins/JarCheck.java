package cores.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.osgi.framework.Constants;

/**
 * Looks at a jar before it is handed to the framework, so that the usual mistakes (a truncated
 * download, a plain library jar dropped in the folder) get a reason an operator understands rather
 * than a framework exception.
 */
final class JarCheck {

  private JarCheck() {}

  /** Why the file cannot be a plugin bundle, or empty when it looks like one. */
  static Optional<String> problem(Path file) {
    // verify=false: signatures are not checked here, the framework decides on those
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      Manifest manifest = jar.getManifest();
      if (manifest == null) {
        return Optional.of("it has no META-INF/MANIFEST.MF, so it is not an OSGi bundle");
      }
      String name = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
      if (name == null || name.isBlank()) {
        return Optional.of(
            "its manifest has no Bundle-SymbolicName header, so it is not an OSGi bundle");
      }
      return Optional.empty();
    } catch (ZipException e) {
      return Optional.of("it is not a valid jar (zip) file: " + e.getMessage());
    } catch (IOException | SecurityException e) {
      return Optional.of("it could not be read: " + e.getMessage());
    }
  }
}
