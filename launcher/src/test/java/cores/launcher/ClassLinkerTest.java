package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassLinkerTest {

  @TempDir Path dir;

  @Test
  void readsTheClassesLoadedFromJarsOutOfTheJvmsLog() {
    Map<Path, Set<String>> loaded =
        ClassLinker.loadedFromJars(
            List.of(
                "[0.160s] java.lang.String source: shared objects file",
                "[0.170s] cores.launcher.Main source: shared objects file (top)",
                "[0.180s] java.util.HexFormat source: jrt:/java.base",
                "[0.190s] a.B$$Lambda$12/0x0000000800c01000 source: a.B",
                "[0.200s] a.B source: file:/opt/cores/bundles/a/a-1.jar",
                "[0.210s] a.C source: file:/opt/cores/bundles/a/../a/a-1.jar",
                "[0.220s] d.E source: file:/opt/cores/bundles/d/d-2.jar",
                "[0.230s] f.G source: file:/opt/cores/classes/",
                "[0.240s] a.B source: file:/opt/cores/bundles/a/a-1.jar",
                "no source at all"));
    assertEquals(
        Map.of(
            Path.of("/opt/cores/bundles/a/a-1.jar"), Set.of("a.B", "a.C"),
            Path.of("/opt/cores/bundles/d/d-2.jar"), Set.of("d.E")),
        loaded);
  }

  @Test
  void linksTheLoggedClassesOfKnownJarsWithoutInitialisingThem() throws Exception {
    Path jar = dir.resolve("linked.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      String entry = Initialises.class.getName().replace('.', '/') + ".class";
      out.putNextEntry(new JarEntry(entry));
      try (var in = ClassLinkerTest.class.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(out);
      }
    }
    Path log = dir.resolve("classes.log");
    Files.writeString(
        log,
        "[0.1s] "
            + Initialises.class.getName()
            + " source: "
            + jar.toUri()
            + "\n[0.2s] missing.Class source: "
            + jar.toUri()
            + "\n[0.3s] other.Class source: "
            + dir.resolve("other.jar").toUri()
            + "\n");
    System.clearProperty(Initialises.PROPERTY);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      int linked =
          ClassLinker.link(log, path -> path.equals(jar) ? Optional.of(loader) : Optional.empty());
      assertEquals(
          1, linked, "the class of the known jar; the missing one and the other jar's not");
      assertNull(System.getProperty(Initialises.PROPERTY), "linked, not initialised");
    }
  }

  /** Its static initialiser must not run when the class is linked. */
  public static final class Initialises {
    static final String PROPERTY = "cores.test.class-linker.initialised";

    static {
      System.setProperty(PROPERTY, "yes");
    }

    private int field;

    public int field() {
      return field;
    }
  }
}
