package cores.launcher;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What went wrong with a folder, in the operator's words: Java names the exception (a file where
 * the folder should be is a {@code FileAlreadyExistsException}), the operating system's reason is
 * in its message.
 */
final class FolderProblems {

  private static final String NO_SPACE = "no space left on device";

  private FolderProblems() {}

  /** Why {@code folder} could not be made or written: "is not a directory", "no space left ...". */
  static String describe(Path folder, IOException e) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      return "is not a directory";
    }
    String reason = reason(e);
    if (reason.contains("not a directory")) {
      return "is not a directory (a part of the path is a file)";
    }
    if (reason.contains(NO_SPACE)) {
      return NO_SPACE;
    }
    if (reason.contains("read-only file system")) {
      return "is on a read-only file system";
    }
    if (e instanceof AccessDeniedException || reason.contains("permission denied")) {
      return "is not writable (permission denied)";
    }
    return "cannot be created (" + e.getClass().getSimpleName() + ")";
  }

  /** Whether the device is full, anywhere in the causes (Felix wraps it in its own exception). */
  static boolean noSpace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains(NO_SPACE)) {
        return true;
      }
    }
    return false;
  }

  /** The operating system's reason, lower case: a FileSystemException keeps it apart. */
  private static String reason(IOException e) {
    String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    return reason == null ? "" : reason.toLowerCase(Locale.ROOT);
  }
}
