package cores.launcher.osgi;

import cores.launcher.feature.FeatureBundle;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The framework's cache kept from one start to the next when it was made by the same distribution:
 * emptying it and writing every bundle's files again costs a start 0.3 to 0.5 s. The cache is
 * reused only when its fingerprint (the Java runtime, the launcher's class path, the framework
 * properties, each feature bundle's location, start order and jar's content) matches the one
 * written after the last clean start; anything else, or no fingerprint, empties it as before.
 *
 * <p>The fingerprint is deleted before the framework touches the cache and written again only once
 * a start has succeeded, so a start that fails or is killed halfway leaves a cache that the next
 * start empties. Felix reads a referenced jar in place (its manifest and classes at every start)
 * but keeps in the cache what it extracted from it once (the jars on its Bundle-ClassPath, its
 * native code), besides each bundle's data area: a jar changed in place must therefore change the
 * fingerprint. Its size and modification time do not tell (an image build sets every file's time to
 * one value), its content does: {@link JarChecksum} reads it from the jar's central directory.
 */
final class FrameworkCache {

  /** Inside the cache folder: emptying the cache removes it too. */
  static final String FINGERPRINT = "cores.fingerprint";

  private static final System.Logger LOG = System.getLogger(FrameworkCache.class.getName());

  private final Path storage;
  private final String fingerprint;
  private final boolean reused;

  private FrameworkCache(Path storage, String fingerprint, boolean reused) {
    this.storage = storage;
    this.fingerprint = fingerprint;
    this.reused = reused;
  }

  /**
   * Whether the cache in {@code storage} may be reused for a start with these bundles and
   * properties; its fingerprint is gone from here on, until {@link #started()}.
   */
  static FrameworkCache open(
      Path storage, Path repository, List<FeatureBundle> bundles, Map<String, ?> properties) {
    String fingerprint;
    try {
      fingerprint = fingerprint(repository, bundles, properties);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "framework cache emptied: {0}", e.toString());
      return new FrameworkCache(storage, null, false);
    }
    Path file = storage.resolve(FINGERPRINT);
    boolean same;
    try {
      same = Files.isRegularFile(file) && fingerprint.equals(Files.readString(file));
      Files.deleteIfExists(file);
    } catch (IOException e) {
      same = false; // when it cannot be deleted, the framework empties the whole cache anyway
    }
    LOG.log(
        System.Logger.Level.DEBUG,
        same ? "framework cache reused" : "framework cache emptied: another distribution's");
    return new FrameworkCache(storage, fingerprint, same);
  }

  /** Whether the framework starts on the cache as it is. */
  boolean reused() {
    return reused;
  }

  /** After a complete start: the next start with the same distribution may reuse the cache. */
  void started() {
    if (fingerprint == null) {
      return;
    }
    Path file = storage.resolve(FINGERPRINT);
    Path written = storage.resolve(FINGERPRINT + ".tmp");
    try {
      Files.writeString(written, fingerprint);
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the next start empties the cache, as it always did
      LOG.log(System.Logger.Level.DEBUG, "framework cache fingerprint not written: {0}", e);
    }
  }

  static String fingerprint(Path repository, List<FeatureBundle> bundles, Map<String, ?> properties)
      throws IOException {
    StringBuilder s = new StringBuilder("2\n");
    s.append(Runtime.version()).append(' ').append(System.getProperty("java.home")).append('\n');
    // the launcher's jars, Felix's among them
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        file(s, Path.of(entry));
      }
    }
    // values of other types (the log object) are the same on every start
    new TreeMap<>(properties)
        .forEach(
            (k, v) -> {
              if (v instanceof String) {
                s.append(k).append('=').append(v).append('\n');
              }
            });
    for (FeatureBundle fb : bundles) {
      s.append(fb.startOrder()).append(' ').append(fb.spifly()).append(' ');
      file(s, fb.path(repository));
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void file(StringBuilder s, Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      s.append(absolute).append(" dir\n"); // test class paths: compiled classes, not jars
      return;
    }
    s.append(absolute).append(' ');
    JarChecksum.append(s, absolute);
    s.append('\n');
  }
}
