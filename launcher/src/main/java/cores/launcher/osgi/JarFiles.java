package cores.launcher.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The jars a fingerprint covers, told by their content ({@link #contents()}: a {@link JarChecksum}
 * each, ≈ 6 ms of CPU for the distribution's in a fresh JVM) or, reading no jar, by what the file
 * system says of their files ({@link #stats()}: inode, size, modification and status change times,
 * as git's index does; ≈ 5 ms, most of it {@code Files.readAttributes} not yet compiled). Stats
 * equal to those of a former start mean contents equal to the ones read then: no tool sets a status
 * change time (ctime), and every write, rename or copy over a file moves it, so a jar replaced by
 * one of the same size and modification time (an image build's SOURCE_DATE_EPOCH, {@code cp -p},
 * {@code touch -r}) has other stats.
 *
 * <p>The stats are not to be trusted (null) when a jar changed within {@link #SETTLED} of the
 * moment they were taken, since a change in the same tick of the file system's clock would leave
 * them as they were (git's "racily clean" entries), or when the file system does not tell them.
 */
final class JarFiles {

  /** More than any file system's time granularity that has a ctime. */
  static final long SETTLED = TimeUnit.SECONDS.toMillis(2);

  private static final String ATTRIBUTES = "unix:ino,size,lastModifiedTime,ctime";

  private final List<Path> jars = new ArrayList<>();
  private final StringBuilder stats = new StringBuilder();
  private final long since;
  private boolean trusted = true;

  /** Jars looked at from now on: {@code clock}'s time before any of them. */
  JarFiles(Clock clock) {
    this.since = clock.millis() - SETTLED;
  }

  /** One more jar, looked at now. */
  void add(Path jar) throws IOException {
    jars.add(jar);
    Map<String, Object> a;
    try {
      a = Files.readAttributes(jar, ATTRIBUTES);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      trusted = false;
      return;
    }
    FileTime ctime = (FileTime) a.get("ctime");
    if (ctime.toMillis() >= since) {
      trusted = false;
    }
    stats.append(a.get("ino")).append(' ').append(a.get("size")).append(' ');
    stats.append(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS)).append(' ');
    stats.append(ctime.to(TimeUnit.NANOSECONDS)).append('\n');
  }

  /** The jars' files as the file system described them in {@link #add}, or null (above). */
  String stats() {
    return trusted ? stats.toString() : null;
  }

  /** The jars' contents, read now. */
  String contents() throws IOException {
    StringBuilder s = new StringBuilder();
    for (Path jar : jars) {
      JarChecksum.append(s, jar);
      s.append('\n');
    }
    return s.toString();
  }
}
