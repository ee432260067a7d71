package cores.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The changelog files one migration read (paths inside the bundle) and a digest over their contents
 * and Liquibase's build. Recorded after a successful update, it lets a later start skip Liquibase
 * when the very same files are there again: their changesets have all run.
 */
final class ChangelogDigest {

  /** Liquibase's build description: another Liquibase may compute or apply differently. */
  static final String LIQUIBASE_BUILD = "liquibase.build.properties";

  /**
   * Changelogs whose outcome depends on more than their text (changesets that run on every update,
   * preconditions that are re-evaluated) always go through Liquibase.
   */
  private static final List<String> NOT_REPEATABLE = List.of("runalways", "precondition");

  private final String liquibaseBuild;
  private final SortedMap<String, String> fileHashes = new TreeMap<>();
  private boolean repeatable = true;

  private ChangelogDigest(String liquibaseBuild) {
    this.liquibaseBuild = liquibaseBuild;
  }

  /** An empty record that the files Liquibase reads are added to. */
  static ChangelogDigest recording(ClassLoader liquibaseLoader) throws IOException {
    return new ChangelogDigest(liquibaseBuild(liquibaseLoader));
  }

  /**
   * The digest of the files {@code paths} as {@code loader} has them now, or null when one of them
   * is missing.
   */
  static String current(ClassLoader liquibaseLoader, ClassLoader loader, List<String> paths)
      throws IOException {
    ChangelogDigest digest = recording(liquibaseLoader);
    for (String path : paths) {
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          return null;
        }
        digest.read(path, in.readAllBytes());
      }
    }
    return digest.value();
  }

  private static String liquibaseBuild(ClassLoader liquibaseLoader) throws IOException {
    try (InputStream in = liquibaseLoader.getResourceAsStream(LIQUIBASE_BUILD)) {
      if (in == null) {
        throw new IOException("No " + LIQUIBASE_BUILD + " in Liquibase");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Liquibase read this file of the bundle. */
  synchronized void read(String path, byte[] content) {
    fileHashes.put(path, HexFormat.of().formatHex(sha256(content)));
    String text = new String(content, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (NOT_REPEATABLE.stream().anyMatch(text::contains)) {
      repeatable = false;
    }
  }

  /** Whether a later start may skip Liquibase when the digest matches. */
  synchronized boolean repeatable() {
    return repeatable;
  }

  /** The files read, one path per line. */
  synchronized String files() {
    return String.join("\n", fileHashes.keySet());
  }

  synchronized String value() {
    StringBuilder all = new StringBuilder(liquibaseBuild).append('\0');
    for (Map.Entry<String, String> file : fileHashes.entrySet()) {
      all.append(file.getKey()).append('\0').append(file.getValue()).append('\n');
    }
    return HexFormat.of().formatHex(sha256(all.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
