package cores.launcher.osgi;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * What a jar holds, told from its central directory alone: the list at its end of every entry with
 * its name, sizes and the CRC-32 of its content. Two jars of the same length whose central
 * directories are the same hold the same entries with the same content (short of a CRC-32 collision
 * in a changed entry, the jar's own check), whatever their files' times say. Reading the directory
 * costs about a fifteenth of reading the whole jar, and the framework reads it anyway when it opens
 * the jar.
 */
final class JarChecksum {

  /** The end of central directory record of a jar without a comment. */
  private static final int END = 22;

  private static final int END_SIGNATURE = 0x06054b50;

  private JarChecksum() {}

  /**
   * Appends the jar's length and a CRC-32 of its central directory and end record; of the whole
   * file when its end is not laid out as a plain jar's (a comment, ZIP64, bytes before the first
   * entry), so that an unusual jar is read whole rather than trusted. Appended, not concatenated:
   * each string concatenation site costs a start its linking, ≈ 10 ms for the first.
   */
  static void append(StringBuilder s, Path jar) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "r")) {
      long length = file.length();
      CRC32 crc = new CRC32();
      if (length >= END) {
        byte[] end = new byte[END];
        file.seek(length - END);
        file.readFully(end);
        ByteBuffer record = ByteBuffer.wrap(end).order(ByteOrder.LITTLE_ENDIAN);
        long size = Integer.toUnsignedLong(record.getInt(12));
        long offset = Integer.toUnsignedLong(record.getInt(16));
        if (record.getInt(0) == END_SIGNATURE && offset + size == length - END) {
          byte[] directory = new byte[(int) size];
          file.seek(offset);
          file.readFully(directory);
          crc.update(directory);
          crc.update(end);
          s.append(length).append(' ').append(Long.toHexString(crc.getValue()));
          return;
        }
      }
      file.seek(0);
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = file.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
      s.append(length).append(" whole ").append(Long.toHexString(crc.getValue()));
    }
  }
}
