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
import java.time.Clock;
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
 * one value), its content does: {@link JarChecksum} reads it from the jar's central directory, and
 * {@link JarFiles} spares a start reading it when no jar's file changed since a start read them.
 */
final class FrameworkCache {

  /** Inside the cache folder: emptying the cache removes it too. */
  static final String FINGERPRINT = "cores.fingerprint";

  private static final System.Logger LOG = System.getLogger(FrameworkCache.class.getName());

  /** What the jars' times are compared with (JarFiles). */
  private static final Clock CLOCK = Clock.systemUTC();

  /** Written in place of the jars' stats when they are not to be trusted. */
  private static final String UNTRUSTED = "-";

  private final Path storage;
  private final Fingerprint fingerprint;
  private final boolean reused;

  /**
   * The fingerprint's file, one line each: everything but the jars' contents (the Java runtime, the
   * jars' paths, the properties, the bundles' start order), the jars' contents, and the jars'
   * files' stats when they were last read ({@link JarFiles}); SHA-256 each.
   */
  private record Fingerprint(String rest, String contents, String stats) {
    List<String> lines() {
      return List.of(rest, contents, stats);
    }
  }

  private FrameworkCache(Path storage, Fingerprint fingerprint, boolean reused) {
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
    Path file = storage.resolve(FINGERPRINT);
    List<String> written;
    try {
      written = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      written = List.of();
    }
    Fingerprint now;
    boolean unchanged;
    try {
      JarFiles jars = new JarFiles(CLOCK);
      String rest = sha256(describe(jars, repository, bundles, properties));
      String stats = jars.stats() == null ? UNTRUSTED : sha256(jars.stats());
      // the jars' files unchanged since a start read their contents: the contents it read
      unchanged = jars.stats() != null && written.size() == 3 && stats.equals(written.get(2));
      String contents = unchanged ? written.get(1) : sha256(jars.contents());
      now = new Fingerprint(rest, contents, stats);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "framework cache emptied: {0}", e.toString());
      return new FrameworkCache(storage, null, false);
    }
    boolean same =
        now.lines().subList(0, 2).equals(written.subList(0, Math.min(2, written.size())));
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      same = false; // when it cannot be deleted, the framework empties the whole cache anyway
    }
    LOG.log(
        System.Logger.Level.DEBUG,
        "framework cache {0}; the jars {1}",
        same ? "reused" : "emptied: another distribution's",
        unchanged ? "unchanged since a start read them" : "read");
    return new FrameworkCache(storage, now, same);
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
      Files.write(written, fingerprint.lines());
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the next start empties the cache, as it always did
      LOG.log(System.Logger.Level.DEBUG, "framework cache fingerprint not written: {0}", e);
    }
  }

  /** The distribution as a start sees it, the jars' contents aside: those go to {@code jars}. */
  static String describe(
      JarFiles jars, Path repository, List<FeatureBundle> bundles, Map<String, ?> properties)
      throws IOException {
    StringBuilder s = new StringBuilder("3\n");
    s.append(Runtime.version()).append(' ').append(System.getProperty("java.home")).append('\n');
    // the launcher's jars, Felix's among them
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        file(s, jars, Path.of(entry));
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
      file(s, jars, fb.path(repository));
    }
    return s.toString();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void file(StringBuilder s, JarFiles jars, Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      s.append(absolute).append(" dir\n"); // test class paths: compiled classes, not jars
      return;
    }
    s.append(absolute).append('\n');
    jars.add(absolute);
  }
}
