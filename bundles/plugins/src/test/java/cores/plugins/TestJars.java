package cores.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the jars the tests drop into the folder, so no binary files live in the repository. */
final class TestJars {

  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, String> resources = new LinkedHashMap<>();
  private final Map<String, byte[]> classes = new LinkedHashMap<>();

  private TestJars() {}

  /** A bundle with the given symbolic name and version. */
  static TestJars bundle(String symbolicName, String version) {
    return new TestJars()
        .header("Bundle-ManifestVersion", "2")
        .header("Bundle-SymbolicName", symbolicName)
        .header("Bundle-Version", version);
  }

  /** A plain library jar: a manifest, but no OSGi headers. */
  static TestJars plainJar() {
    return new TestJars().header("Implementation-Title", "not a bundle");
  }

  TestJars header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  TestJars resource(String path, String content) {
    resources.put(path, content);
    return this;
  }

  /** Copies the class file of a test class into the jar, for a bundle that runs code. */
  TestJars classOf(Class<?> type) {
    String path = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
      classes.put(path, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  byte[] bytes() {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    headers.forEach(main::putValue);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (Map.Entry<String, String> resource : resources.entrySet()) {
        jar.putNextEntry(new JarEntry(resource.getKey()));
        jar.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
      for (Map.Entry<String, byte[]> type : classes.entrySet()) {
        jar.putNextEntry(new JarEntry(type.getKey()));
        jar.write(type.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
