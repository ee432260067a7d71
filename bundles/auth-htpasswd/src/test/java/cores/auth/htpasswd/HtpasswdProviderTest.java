package cores.auth.htpasswd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.auth.Identity;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.ConfigurationException;

/** Against files written by Apache's own {@code htpasswd} (apache2-utils, installed by .ci/run). */
class HtpasswdProviderTest {
  @TempDir Path dir;

  private Path htpasswd(String... arguments) throws Exception {
    Path file = dir.resolve("users.htpasswd");
    List<String> command = new java.util.ArrayList<>(List.of("htpasswd"));
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("htpasswd " + arguments[0] + " failed: " + output);
    }
    return file;
  }

  private static HtpasswdProvider provider(String file) throws ConfigurationException {
    return new HtpasswdProvider(
        new HtpasswdConfig() {
          @Override
          public Class<? extends Annotation> annotationType() {
            return HtpasswdConfig.class;
          }

          @Override
          public String file() {
            return file;
          }
        });
  }

  private static Optional<Identity> login(HtpasswdProvider p, String user, String password)
      throws Exception {
    return p.authenticate(user, password.toCharArray());
  }

  @Test
  void usersOfABcryptFileLogInWithTheirPasswordsOnly() throws Exception {
    Path file = htpasswd("-cbB", dir.resolve("users.htpasswd").toString(), "alice", "S3cret!");
    htpasswd("-bB", file.toString(), "bob", "other");
    HtpasswdProvider p = provider(file.toString());
    assertEquals(Optional.of(Identity.of("htpasswd", "alice")), login(p, "alice", "S3cret!"));
    assertEquals(Optional.of(Identity.of("htpasswd", "bob")), login(p, "bob", "other"));
    assertEquals(Optional.empty(), login(p, "alice", "other"));
    assertEquals(Optional.empty(), login(p, "carol", "S3cret!"));
    assertEquals(Optional.empty(), login(p, "alice", ""));
    assertEquals("htpasswd", p.name());
  }

  @Test
  void anEditedFileIsReadAgain() throws Exception {
    Path file = htpasswd("-cbB", dir.resolve("users.htpasswd").toString(), "alice", "S3cret!");
    HtpasswdProvider p = provider(file.toString());
    htpasswd("-D", file.toString(), "alice");
    htpasswd("-bB", file.toString(), "carol", "new-one");
    // the edit may fall within the file system's timestamp resolution: make it visible
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertEquals(Optional.empty(), login(p, "alice", "S3cret!"));
    assertEquals(Optional.of(Identity.of("htpasswd", "carol")), login(p, "carol", "new-one"));
  }

  @Test
  void entriesThatAreNotBcryptAreIgnored() throws Exception {
    Path file = htpasswd("-cbm", dir.resolve("users.htpasswd").toString(), "md5user", "pw");
    htpasswd("-bs", file.toString(), "shauser", "pw");
    HtpasswdProvider p = provider(file.toString());
    assertEquals(Optional.empty(), login(p, "md5user", "pw"));
    assertEquals(Optional.empty(), login(p, "shauser", "pw"));
    assertEquals(List.of("md5user", "shauser"), HtpasswdFile.read(file).skipped());
  }

  @Test
  void aMissingOrUnreadableFileIsRefusedByItsProperty() {
    ConfigurationException none = assertThrows(ConfigurationException.class, () -> provider(" "));
    assertEquals("file", none.getProperty());
    assertEquals("required", none.getReason());
    String missing = dir.resolve("nope").toString();
    ConfigurationException unreadable =
        assertThrows(ConfigurationException.class, () -> provider(missing));
    assertEquals("\"" + missing + "\" cannot be read", unreadable.getReason());
  }
}
