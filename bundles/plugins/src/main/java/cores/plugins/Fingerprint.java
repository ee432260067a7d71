package cores.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a poll remembers of a jar to notice that it changed. The file key (the inode on Unix) is
 * included because {@code mv new.jar plugin.jar} can keep both size and modification time (e.g. a
 * jar copied with {@code cp -p}) while the content is different.
 */
record Fingerprint(long size, FileTime modified, Object fileKey) {

  static Fingerprint of(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new Fingerprint(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
  }
}
