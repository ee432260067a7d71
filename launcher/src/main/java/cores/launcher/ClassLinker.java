package cores.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code bin/cores cds}: links the classes this process loaded from the bundles' jars, so that the
 * class data archive holds them. JDK 17 archives only linked classes of the bundles' class loaders,
 * and a start loads about a thousand it never links (annotation types read by reflection, exception
 * types named in signatures, classes Jersey or EclipseLink inspect): every later start read, parsed
 * and defined them from their jars again. The JVM's class loading log ({@code -Xlog:class+load},
 * which the script turns on for this run) names each class with the jar it came from; reflection on
 * a class links it without running its static initialiser.
 */
final class ClassLinker {

  /** The JVM's log of loaded classes; only {@code bin/cores cds} sets it. */
  static final String PROPERTY = "cores.cds.classes";

  private static final String SOURCE = " source: ";
  private static final System.Logger LOG = System.getLogger(ClassLinker.class.getName());

  private ClassLinker() {}

  /** The class loading log when {@code bin/cores cds} asked for one. */
  static Optional<Path> log() {
    String log = System.getProperty(PROPERTY);
    return log == null || log.isBlank() ? Optional.empty() : Optional.of(Path.of(log));
  }

  /**
   * Links each class the log names as loaded from a jar for which {@code loaders} knows a class
   * loader (a bundle's).
   *
   * @return how many classes were linked
   */
  static int link(Path log, Function<Path, Optional<ClassLoader>> loaders) throws IOException {
    int linked = 0;
    for (Map.Entry<Path, Set<String>> jar : loadedFromJars(Files.readAllLines(log)).entrySet()) {
      Optional<ClassLoader> loader = loaders.apply(jar.getKey());
      if (loader.isEmpty()) {
        continue;
      }
      for (String name : jar.getValue()) {
        try {
          Class.forName(name, false, loader.get()).getDeclaredFields();
          linked++;
        } catch (ClassNotFoundException | LinkageError e) {
          // not archived then, and read from its jar at each start as before
          LOG.log(System.Logger.Level.DEBUG, "cds: {0} not linked: {1}", name, e);
        }
      }
    }
    return linked;
  }

  /**
   * The classes of the log's lines {@code ... <class name> source: file:<jar>}, by jar; classes
   * from the archive, the runtime image or generated at run time name other sources.
   */
  static Map<Path, Set<String>> loadedFromJars(List<String> lines) {
    Map<Path, Set<String>> byJar = new LinkedHashMap<>();
    for (String line : lines) {
      int source = line.indexOf(SOURCE);
      if (source < 0) {
        continue;
      }
      String location = line.substring(source + SOURCE.length()).trim();
      if (!location.startsWith("file:") || !location.endsWith(".jar")) {
        continue;
      }
      String before = line.substring(0, source).trim();
      String name = before.substring(before.lastIndexOf(' ') + 1);
      try {
        Path jar = Path.of(URI.create(location)).normalize();
        byJar.computeIfAbsent(jar, j -> new LinkedHashSet<>()).add(name);
      } catch (IllegalArgumentException e) {
        LOG.log(System.Logger.Level.DEBUG, "cds: no jar in {0}", line);
      }
    }
    return byJar;
  }
}
