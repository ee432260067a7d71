package cores.auth.htpasswd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The entries of an Apache htpasswd file: {@code user:hash} per line. Only bcrypt hashes ({@code
 * $2y$}, {@code $2a$}, {@code $2b$}, as {@code htpasswd -B} writes them) are used: the file's other
 * formats (MD5-crypt, SHA-1, crypt) are too weak to accept and are listed as skipped.
 *
 * @param skipped the users whose entry is not bcrypt, or lines that are no entry (by number)
 */
record HtpasswdFile(Map<String, String> hashes, List<String> skipped) {

  /** Verified when the user is unknown, so that an answer takes as long for anyone. */
  private static final String NOBODY = BCrypt.hashpw("nobody", BCrypt.gensalt(10));

  HtpasswdFile {
    hashes = Collections.unmodifiableMap(new HashMap<>(hashes));
    skipped = List.copyOf(skipped);
  }

  static HtpasswdFile read(Path file) throws IOException {
    Map<String, String> hashes = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        skipped.add("line " + (i + 1));
        continue;
      }
      String user = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (isBcrypt(hash)) {
        hashes.put(user, hash);
      } else {
        skipped.add(user);
      }
    }
    return new HtpasswdFile(hashes, skipped);
  }

  private static boolean isBcrypt(String hash) {
    return hash.length() == 60
        && (hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$"));
  }

  /** The user's name as the file spells it, when the password is theirs. */
  Optional<String> verify(String username, String password) {
    String hash = hashes.get(username);
    // $2y$ and $2b$ are $2a$ with the same computation (they mark fixed implementations)
    boolean match = BCrypt.checkpw(password, "$2a$" + (hash == null ? NOBODY : hash).substring(4));
    return match && hash != null ? Optional.of(username) : Optional.empty();
  }
}
