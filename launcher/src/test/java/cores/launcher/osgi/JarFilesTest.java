package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start may take the jars' contents from a former start only while their files' stats are the
 * same: changed by any means, a jar's file has other stats.
 */
class JarFilesTest {

  /** As a start some time after the jars were written. */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

  @TempDir Path dir;

  @Test
  void jarsWhoseFilesDidNotChangeHaveTheSameStats() throws IOException {
    Path a = JarChecksumTest.jar(dir, "a.jar", "one", null);
    Path b = JarChecksumTest.jar(dir, "b.jar", "two", null);
    JarFiles first = files(LATER, a, b);
    assertNotNull(first.stats());
    assertEquals(first.stats(), files(LATER, a, b).stats());
    assertEquals(first.contents(), files(LATER, a, b).contents());
  }

  @Test
  void aJarReplacedByOneOfTheSameSizeAndTimeHasOtherStats() throws IOException {
    Path jar = JarChecksumTest.jar(dir, "a.jar", "one", null);
    // one time for every file, to the second, as SOURCE_DATE_EPOCH sets it
    FileTime time = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(jar, time);
    JarFiles first = files(LATER, jar);
    String contents = first.contents();
    long size = Files.size(jar);
    // written in place (the same inode), its time set back: as cp -p or touch -r leave it
    Files.write(jar, Files.readAllBytes(JarChecksumTest.jar(dir, "b.jar", "two", null)));
    Files.setLastModifiedTime(jar, time);
    assertEquals(size, Files.size(jar), "the same size, or this tests something else");

    JarFiles second = files(LATER, jar);
    assertNotEquals(first.stats(), second.stats());
    assertNotEquals(contents, second.contents());
  }

  @Test
  void theStatsOfAJarWrittenJustBeforeTheLookAreNotTrusted() throws IOException {
    Path jar = JarChecksumTest.jar(dir, "a.jar", "one", null);
    // a change within the same tick of the file system's clock would leave its stats as they are
    assertNull(files(Clock.systemUTC(), jar).stats());
  }

  private static JarFiles files(Clock clock, Path... jars) throws IOException {
    JarFiles files = new JarFiles(clock);
    for (Path jar : jars) {
      files.add(jar);
    }
    return files;
  }
}
