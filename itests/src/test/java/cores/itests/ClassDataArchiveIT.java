package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/cores cds}: the class data archive is written only after a complete start, on a copy
 * of the distribution (the other tests' starts stay without one), and later starts map the bundles'
 * classes from it, but not once a jar of lib/ holds other content, whatever its size and time, nor
 * when its record of lib/ is missing; a refused configuration leaves no archive behind.
 */
class ClassDataArchiveIT {

  private static TestDatabase db;
  private static Path distribution;

  @BeforeAll
  static void copyDistribution() throws Exception {
    db = TestDatabase.create();
    distribution =
        Path.of(System.getProperty("cores.itests.logs", "target/it-logs"))
            .toAbsolutePath()
            .resolve("cds-distribution-" + System.currentTimeMillis());
    Path source = CoresProcess.distribution();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = source.relativize(file);
        if (relative.startsWith("cds")) {
          continue; // an archive someone wrote into the build's distribution
        }
        Path target = distribution.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    db.close();
  }

  private static Path archive() {
    return distribution.resolve("cds/cores.jsa");
  }

  private static List<String> leftovers() throws IOException {
    Path folder = distribution.resolve("cds");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> !name.matches("cores\\.jsa(\\.lib|\\.stat)?"))
          .toList();
    }
  }

  @Test
  void aRefusedConfigurationWritesNoArchive() throws Exception {
    boolean before = Files.exists(archive());
    try (CoresProcess cds =
        CoresProcess.builder("cds-refused")
            .distribution(distribution)
            .env(db.environment())
            .unset("SECRET_KEY")
            .args("cds")
            .start()) {
      assertEquals(2, cds.awaitExit(Duration.ofSeconds(60)), cds.errors());
      assertTrue(cds.errors().contains("SECRET_KEY"), cds.errors());
      assertTrue(cds.errors().contains("no class data archive written"), cds.errors());
    }
    assertEquals(before, Files.exists(archive()), "an archive there stays, none is added");
    assertEquals(List.of(), leftovers());
  }

  @Test
  void theArchiveIsWrittenAfterACompleteStartAndLaterStartsMapTheBundlesClasses() throws Exception {
    try (CoresProcess cds =
        CoresProcess.builder("cds")
            .distribution(distribution)
            .env(db.environment())
            .args("cds")
            .start()) {
      assertEquals(0, cds.awaitExit(Duration.ofSeconds(180)), cds.output() + cds.errors());
      assertTrue(cds.output().contains("class data archive written"), cds.output());
      // the warm-up's requests were answered before the archive was written
      assertTrue(cds.output().contains("\"GET /api/booking/bookable/?limit=1 HTTP/1.1\" 200"));
    }
    assertTrue(Files.size(archive()) > 1_000_000, "size " + Files.size(archive()));
    assertEquals(List.of(), leftovers());

    Path classes = Files.createTempFile("cds-classes", ".txt");
    try (CoresProcess cores =
        CoresProcess.builder("cds-start")
            .distribution(distribution)
            .env(db.environment())
            .env(
                "CORES_JAVA_OPTS", "-XX:+UseSerialGC -Xms32m -Xlog:class+load=info:file=" + classes)
            .start()) {
      cores.awaitHealthy(Duration.ofSeconds(90));
      assertEquals(0, cores.stop());
      assertEquals("", cores.errors());
    }
    try {
      List<String> lines = Files.readAllLines(classes);
      long mapped =
          lines.stream()
              .filter(line -> line.contains(" cores.http."))
              .filter(line -> line.contains("source: shared objects file (top)"))
              .count();
      assertTrue(mapped > 10, mapped + " classes of the http bundle from the archive");
      // the classes a start loads but does not link (about 1,000, which JDK 17 leaves out of an
      // archive) were linked by bin/cores cds: only a few are read from the bundles' jars
      long fromJars =
          lines.stream()
              .filter(line -> line.contains("source: file:"))
              .filter(line -> line.contains("/bundles/"))
              .count();
      assertTrue(fromJars < 300, fromJars + " classes read from the bundles' jars");
    } finally {
      Files.delete(classes);
    }

    // the start read lib/ (its jars were copied moments before bin/cores cds looked at them) and
    // remembered its files' times: the next start compares those alone
    assertTrue(Files.isRegularFile(distribution.resolve("cds/cores.jsa.stat")));
    aJarOfTheSameSizeAndTimeButOtherContentKeepsTheArchiveOut();
    anArchiveWithoutItsRecordIsLeftOutAndSaidSo();

    // a stale archive (a jar of lib/ changed) is refused by the JVM in one line on stderr, not in
    // its warning on stdout, where it would be a line in a command's answer
    try (Stream<Path> jars = Files.list(distribution.resolve("lib"))) {
      Path jar = jars.findFirst().orElseThrow();
      Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 86_400_000L));
    }
    try (CoresProcess command =
        CoresProcess.builder("cds-stale")
            .distribution(distribution)
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", "cds-" + System.nanoTime())
            .args("createsuperuser", "--username", "cdsadmin", "--email", "cds@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
      assertEquals("Superuser cdsadmin created.\n", command.output());
      assertEquals(
          "Unable to use shared archive. The top archive failed to load: "
              + distribution.toRealPath().resolve("cds/cores.jsa")
              + "\n",
          command.errors());
    }
  }

  /**
   * An archive written by a Cores before the record of lib/ existed, as an upgrade in place leaves
   * it: which jars it was written from cannot be told, so it is left out, and the start says why
   * and what to run.
   */
  private static void anArchiveWithoutItsRecordIsLeftOutAndSaidSo() throws Exception {
    Path record = distribution.resolve("cds/cores.jsa.lib");
    Path kept = distribution.resolve("cores.jsa.lib.kept");
    Files.move(record, kept);
    try (CoresProcess command =
        CoresProcess.builder("cds-no-record")
            .distribution(distribution)
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", "cds-" + System.nanoTime())
            .args("createsuperuser", "--username", "cdsnorecord", "--email", "cds3@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
      assertEquals("Superuser cdsnorecord created.\n", command.output());
      assertEquals(
          "cores: class data archive "
              + distribution.toRealPath().resolve("cds/cores.jsa")
              + " not used: it has no record of the jars of lib/ it was written from (an older"
              + " Cores wrote it; run bin/cores cds again for faster starts)\n",
          command.errors());
    } finally {
      Files.move(kept, record);
    }
  }

  /**
   * The launcher's jar replaced by another of the same size and time, as an image build that sets
   * every file's time to one value leaves it: the JVM compares only those and would run the old
   * launcher's classes from the archive. bin/cores leaves the archive out and says why; the jar is
   * put back afterwards.
   */
  private static void aJarOfTheSameSizeAndTimeButOtherContentKeepsTheArchiveOut() throws Exception {
    Path jar;
    try (Stream<Path> jars = Files.list(distribution.resolve("lib"))) {
      jar =
          jars.filter(j -> j.getFileName().toString().startsWith("cores-launcher-"))
              .findFirst()
              .orElseThrow();
    }
    byte[] original = Files.readAllBytes(jar);
    FileTime time = Files.getLastModifiedTime(jar);
    Files.write(jar, renamed(original, "pom.properties", "pom.propertiez"));
    Files.setLastModifiedTime(jar, time);
    assertEquals(original.length, Files.size(jar));

    Path classes = Files.createTempFile("cds-classes", ".txt");
    try (CoresProcess command =
        CoresProcess.builder("cds-same-size")
            .distribution(distribution)
            .env(db.environment())
            .env("CORES_SUPERUSER_PASSWORD", "cds-" + System.nanoTime())
            .env(
                "CORES_JAVA_OPTS", "-XX:+UseSerialGC -Xms32m -Xlog:class+load=info:file=" + classes)
            .args("createsuperuser", "--username", "cdssamesize", "--email", "cds2@example.org")
            .start()) {
      assertEquals(0, command.awaitExit(Duration.ofSeconds(90)), command.errors());
      assertEquals("Superuser cdssamesize created.\n", command.output());
      long mapped =
          Files.readAllLines(classes).stream()
              .filter(line -> line.contains("source: shared objects file (top)"))
              .count();
      assertEquals(0, mapped, "classes mapped from the stale archive");
      assertEquals(
          "cores: class data archive "
              + distribution.toRealPath().resolve("cds/cores.jsa")
              + " not used: the jars of lib/ are not those it was written from"
              + " (run bin/cores cds again for faster starts)\n",
          command.errors());
    } finally {
      Files.delete(classes);
      Files.write(jar, original);
      Files.setLastModifiedTime(jar, time);
    }
  }

  /** The jar with every occurrence of an entry's name (its local and central headers) changed. */
  private static byte[] renamed(byte[] jar, String name, String other) {
    byte[] from = name.getBytes(StandardCharsets.US_ASCII);
    byte[] to = other.getBytes(StandardCharsets.US_ASCII);
    byte[] result = jar.clone();
    int replaced = 0;
    for (int i = 0; i + from.length <= result.length; i++) {
      if (Arrays.equals(result, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, result, i, to.length);
        replaced++;
      }
    }
    assertEquals(2, replaced, "the entry's local and central header");
    return result;
  }
}
