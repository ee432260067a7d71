package cores.launcher;

import cores.launcher.env.Variable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-install secret key for DEBUG=True without SECRET_KEY: generated once and kept in {@code
 * CORES_DATA/secret_key} (mode 600), so sessions survive restarts of a development instance.
 */
final class SecretKeys {

  static final String FILE = "secret_key";
  private static final int BYTES = 48;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretKeys() {}

  static String loadOrCreate(Path dataDirectory) throws LaunchException {
    Path file = dataDirectory.resolve(FILE);
    try {
      Files.createDirectories(dataDirectory);
      if (!Files.exists(file)) {
        create(file);
      }
      String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (key.isEmpty()) {
        throw new LaunchException(
            LaunchException.BAD_CONFIGURATION,
            Variable.CORES_DATA + ": " + file + " is empty; delete it to generate a new key");
      }
      return key;
    } catch (IOException e) {
      throw new LaunchException(
          LaunchException.BAD_CONFIGURATION,
          Variable.CORES_DATA + ": cannot keep the secret key in " + file + " (" + e + ")",
          e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[BYTES];
    RANDOM.nextBytes(random);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      // created with mode 600 from the start: never readable by others, not even briefly
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first: use theirs
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
  }
}
