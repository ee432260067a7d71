package cores.launcher.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes a bundle with one Declarative Services component, its class copied from the tests. */
final class ComponentBundles {
  private ComponentBundles() {}

  /**
   * The component is immediate and needs the configuration {@code cores.test}; its class may throw
   * {@code org.osgi.service.cm.ConfigurationException}, which the bundle imports.
   */
  static void write(Path jar, String symbolicName, String component, Class<?> implementation)
      throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", symbolicName);
    main.putValue("Bundle-Version", "1.0.0");
    main.putValue("Import-Package", "org.osgi.service.cm");
    main.putValue("Service-Component", "OSGI-INF/component.xml");
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\""
            + component
            + "\" immediate=\"true\" configuration-policy=\"require\""
            + " configuration-pid=\"cores.test\">\n  <implementation class=\""
            + implementation.getName()
            + "\"/>\n</scr:component>\n";
    String classFile = implementation.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream bytes = implementation.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
      out.write(xml.getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry(classFile));
      bytes.transferTo(out);
    }
  }
}
