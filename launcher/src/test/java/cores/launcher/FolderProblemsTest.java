package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's words for what the file system said about CORES_DATA. */
class FolderProblemsTest {

  @TempDir Path dir;

  private static String describe(Path folder) {
    IOException e = assertThrows(IOException.class, () -> Files.createDirectories(folder));
    return FolderProblems.describe(folder, e);
  }

  @Test
  void aFileWhereTheFolderShouldBeIsNotADirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "x");
    assertEquals("is not a directory", describe(file));
    assertEquals(
        "is not a directory (a part of the path is a file)", describe(file.resolve("inner")));
  }

  @Test
  void theSystemsReasonIsSaidNotTheExceptionsName() {
    Path data = dir.resolve("data");
    assertEquals(
        "is on a read-only file system",
        FolderProblems.describe(
            data, new FileSystemException(data.toString(), null, "Read-only file system")));
    assertEquals(
        "no space left on device",
        FolderProblems.describe(
            data, new FileSystemException(data.toString(), null, "No space left on device")));
    assertEquals(
        "is not writable (permission denied)",
        FolderProblems.describe(data, new AccessDeniedException(data.toString())));
    assertEquals(
        "cannot be created (IOException)", FolderProblems.describe(data, new IOException("?")));
  }

  @Test
  void aFullDeviceIsFoundAmongTheCausesOfTheFrameworksFailure() {
    Exception felix =
        new IllegalStateException(
            "Unable to cache bundle: reference:file:/x.jar",
            new IOException("No space left on device"));
    assertTrue(FolderProblems.noSpace(new LaunchException(4, "did not start", felix)));
    assertFalse(FolderProblems.noSpace(new LaunchException(4, "did not start", null)));
  }
}
