package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.launcher.LaunchException;
import cores.launcher.feature.Feature;
import cores.launcher.feature.FeatureReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The framework cache kept between starts of the same distribution, and only then. */
class FrameworkCacheTest {

  private static final Path BUILT = Path.of("../features/target/repository/bundles");
  private static final String CONFIG_ADMIN =
      "org/apache/felix/org.apache.felix.configadmin/1.9.26/org.apache.felix.configadmin-1.9.26.jar";

  @TempDir Path home;
  private Path repository;
  private Path cache;
  private Path upgraded;
  private Feature feature;

  @BeforeEach
  void distribution() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(BUILT), "features module not built");
    repository = home.resolve("bundles");
    Files.createDirectories(repository.resolve(CONFIG_ADMIN).getParent());
    Files.copy(BUILT.resolve(CONFIG_ADMIN), repository.resolve(CONFIG_ADMIN));
    upgraded = repository.resolve("t/upgraded/1/upgraded-1.jar");
    Files.createDirectories(upgraded.getParent());
    writeBundle(upgraded, "1");
    cache = home.resolve("felix-cache");
    Path features = Files.createDirectories(home.resolve("features"));
    Files.writeString(
        features.resolve("test.json"),
        "{\"id\": \"t:t:1\", \"bundles\": ["
            + "{\"id\": \"org.apache.felix:org.apache.felix.configadmin:1.9.26\","
            + " \"start-order\": 1},"
            + "{\"id\": \"t:upgraded:1\", \"start-order\": 2}]}");
    feature = new FeatureReader(features, repository).read("test");
  }

  private Platform start() throws LaunchException {
    return Platform.start(cache, repository, List.of(feature), List.of(), false);
  }

  @Test
  void theSameDistributionStartsOnItsCacheAndDropsWhatOthersInstalled() throws Exception {
    Platform first = start();
    try {
      Files.writeString(bundle(first).getDataFile("marker").toPath(), "kept");
      // as FileInstall installs a plugin: the next start leaves it to FileInstall again
      first
          .bundleContext()
          .installBundle(
              upgraded.resolveSibling("plugin.jar").toUri().toString(), jar("plugin", "1"));
    } finally {
      first.stop();
    }
    assertTrue(Files.isRegularFile(cache.resolve(FrameworkCache.FINGERPRINT)));

    Platform second = start();
    try {
      assertEquals("kept", Files.readString(bundle(second).getDataFile("marker").toPath()));
      assertEquals(3, second.bundleContext().getBundles().length); // system, Config Admin, t
    } finally {
      second.stop();
    }
  }

  @Test
  void anUpgradedBundleIsReadFromItsNewJarNotFromTheCache() throws Exception {
    Platform first = start();
    try {
      // the embedded jar is what Felix extracts into its cache
      assertEquals("1", version(bundle(first)));
      Files.writeString(bundle(first).getDataFile("marker").toPath(), "stale");
    } finally {
      first.stop();
    }
    FileTime before = Files.getLastModifiedTime(upgraded);
    writeBundle(upgraded, "2");
    Files.setLastModifiedTime(upgraded, FileTime.fromMillis(before.toMillis() + 1000));

    Platform second = start();
    try {
      assertEquals("2", version(bundle(second)));
      assertFalse(bundle(second).getDataFile("marker").exists());
    } finally {
      second.stop();
    }
  }

  @Test
  void aJarChangedWithTheSameSizeAndTimeIsReadFromItsNewContent() throws Exception {
    Platform first = start();
    try {
      assertEquals("1", version(bundle(first)));
    } finally {
      first.stop();
    }
    // as an image build that sets every file's time to one value (SOURCE_DATE_EPOCH) leaves it
    long size = Files.size(upgraded);
    FileTime time = Files.getLastModifiedTime(upgraded);
    writeBundle(upgraded, "2");
    Files.setLastModifiedTime(upgraded, time);
    assertEquals(size, Files.size(upgraded), "the same size, or this tests something else");
    Thread.sleep(JarFiles.SETTLED + 200); // settled too: only its stats tell the change

    Platform second = start();
    try {
      assertEquals("2", version(bundle(second)));
    } finally {
      second.stop();
    }
  }

  /**
   * The same, after a start that took the jars' files as settled (written more than {@link
   * JarFiles#SETTLED} before it): the next start compares their stats, and the jar written in place
   * has another status change time whatever its size and modification time.
   */
  @Test
  void aJarChangedWithTheSameSizeAndTimeAfterSettledStatsIsReadFromItsNewContent()
      throws Exception {
    // one time for every file, to the second, as SOURCE_DATE_EPOCH sets it
    FileTime time = FileTime.fromMillis(1_700_000_000_000L);
    Files.setLastModifiedTime(upgraded, time);
    Thread.sleep(JarFiles.SETTLED + 200);
    Platform first = start();
    try {
      assertEquals("1", version(bundle(first)));
    } finally {
      first.stop();
    }
    List<String> fingerprint = Files.readAllLines(cache.resolve(FrameworkCache.FINGERPRINT));
    assertEquals(3, fingerprint.size());
    assertNotEquals("-", fingerprint.get(2), "the jars' stats were trusted");
    long size = Files.size(upgraded);
    byte[] two;
    try (InputStream in = jar("t.upgraded", "2")) {
      two = in.readAllBytes();
    }
    Files.write(upgraded, two); // in place: the same inode
    Files.setLastModifiedTime(upgraded, time);
    assertEquals(size, Files.size(upgraded), "the same size, or this tests something else");
    Thread.sleep(JarFiles.SETTLED + 200); // settled too: only its stats tell the change

    Platform second = start();
    try {
      assertEquals("2", version(bundle(second)));
    } finally {
      second.stop();
    }
  }

  @Test
  void aJarWrittenAgainWithTheSameContentKeepsTheCache() throws Exception {
    Platform first = start();
    try {
      Files.writeString(bundle(first).getDataFile("marker").toPath(), "kept");
    } finally {
      first.stop();
    }
    byte[] same = Files.readAllBytes(upgraded);
    Files.write(upgraded, same);
    Files.setLastModifiedTime(
        upgraded, FileTime.fromMillis(Files.getLastModifiedTime(upgraded).toMillis() + 60_000));

    Platform second = start();
    try {
      assertEquals("kept", Files.readString(bundle(second).getDataFile("marker").toPath()));
    } finally {
      second.stop();
    }
  }

  @Test
  void aStartThatFailsLeavesACacheTheNextStartEmpties() throws Exception {
    Platform first = start();
    try {
      Files.writeString(bundle(first).getDataFile("marker").toPath(), "stale");
    } finally {
      first.stop();
    }
    LaunchException failed =
        assertThrows(
            LaunchException.class,
            () ->
                Platform.start(
                    cache,
                    repository,
                    List.of(feature),
                    () -> {
                      throw new LaunchException(LaunchException.PLATFORM_FAILED, "no database");
                    },
                    false));
    assertEquals("no database", failed.getMessage());
    assertFalse(Files.exists(cache.resolve(FrameworkCache.FINGERPRINT)));

    Platform third = start();
    try {
      assertFalse(bundle(third).getDataFile("marker").exists());
    } finally {
      third.stop();
    }
  }

  private static Bundle bundle(Platform platform) {
    for (Bundle b : platform.bundleContext().getBundles()) {
      if ("t.upgraded".equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError("t.upgraded not installed");
  }

  private static String version(Bundle bundle) throws IOException {
    try (InputStream in = bundle.getResource("version.txt").openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A bundle whose one resource is in a jar on its Bundle-ClassPath. */
  private static void writeBundle(Path path, String version) throws IOException {
    try (InputStream in = jar("t.upgraded", version)) {
      Files.copy(in, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Entries stored, not compressed: one version's jar is as long as another's. */
  private static InputStream jar(String name, String version) throws IOException {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(inner)) {
      stored(out, "version.txt", version.getBytes(StandardCharsets.UTF_8));
    }
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", name);
    main.putValue("Bundle-Version", version);
    main.putValue("Bundle-ClassPath", ".,lib/inner.jar");
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    manifest.write(headers);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes)) {
      stored(out, JarFile.MANIFEST_NAME, headers.toByteArray());
      stored(out, "lib/inner.jar", inner.toByteArray());
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static void stored(JarOutputStream out, String name, byte[] content) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    out.putNextEntry(entry);
    out.write(content);
  }
}
