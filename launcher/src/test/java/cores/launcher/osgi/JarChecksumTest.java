package cores.launcher.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar's checksum follows its content, not its file's size and time. */
class JarChecksumTest {

  @TempDir Path dir;

  @Test
  void aJarOfTheSameLengthWithAnotherEntryContentHasAnotherChecksum() throws IOException {
    Path a = jar("a.jar", "one", null);
    Path b = jar("b.jar", "two", null);
    assertEquals(Files.size(a), Files.size(b));
    assertFalse(of(a).contains("whole"), "read from the central directory");
    assertNotEquals(of(a), of(b));
    assertEquals(of(a), of(jar("c.jar", "one", null)));
  }

  @Test
  void aJarWithACommentIsReadWhole() throws IOException {
    Path a = jar("a.jar", "one", "a comment");
    Path b = jar("b.jar", "two", "a comment");
    assertTrue(of(a).contains("whole"));
    assertNotEquals(of(a), of(b));
  }

  @Test
  void aFileThatIsNoJarIsReadWhole() throws IOException {
    Path a = Files.writeString(dir.resolve("a.jar"), "not a jar at all, but 22 bytes or more");
    Path b = Files.writeString(dir.resolve("b.jar"), "not a jar at all, but 22 bytes or mori");
    assertTrue(of(a).contains("whole"));
    assertNotEquals(of(a), of(b));
  }

  private static String of(Path jar) throws IOException {
    StringBuilder s = new StringBuilder();
    JarChecksum.append(s, jar);
    return s.toString();
  }

  private Path jar(String name, String content, String comment) throws IOException {
    return jar(dir, name, content, comment);
  }

  /** One entry stored, not compressed, so that contents of one length make jars of one length. */
  static Path jar(Path dir, String name, String content, String comment) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    ZipEntry entry = new ZipEntry("content.txt");
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setTime(0);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream out = new ZipOutputStream(file)) {
      if (comment != null) {
        out.setComment(comment);
      }
      out.putNextEntry(entry);
      out.write(bytes);
    }
    return jar;
  }
}
