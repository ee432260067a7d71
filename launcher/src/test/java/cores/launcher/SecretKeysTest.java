package cores.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

  @TempDir Path data;

  @Test
  void generatedOncePerInstallWithMode600() throws Exception {
    Path dir = data.resolve("new");
    String key = SecretKeys.loadOrCreate(dir);
    assertTrue(key.length() >= 64, key);
    Path file = dir.resolve("secret_key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(key, SecretKeys.loadOrCreate(dir), "kept across starts");
    assertNotEquals(key, SecretKeys.loadOrCreate(data.resolve("other")), "one per install");
  }

  @Test
  void anEmptyKeyFileIsAnError() throws Exception {
    Files.writeString(data.resolve("secret_key"), "\n");
    LaunchException e = assertThrows(LaunchException.class, () -> SecretKeys.loadOrCreate(data));
    assertTrue(e.getMessage().startsWith("CORES_DATA: "), e.getMessage());
    assertEquals(2, e.exitCode());
  }
}
