package cores.auth.htpasswd;

import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.api.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of an htpasswd file log in with its passwords. The file is read again when it changes
 * (htpasswd edits it in place), so adding or removing a user needs no restart. Tried after local
 * accounts (lower {@code service.ranking}).
 */
@Component(
    service = AuthenticationProvider.class,
    configurationPid = HtpasswdConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    property = "service.ranking:Integer=" + HtpasswdProvider.RANKING)
@Designate(ocd = HtpasswdConfig.class)
public final class HtpasswdProvider implements AuthenticationProvider {
  static final String NAME = "htpasswd";
  static final int RANKING = 400;

  private static final Logger LOG = LoggerFactory.getLogger(HtpasswdProvider.class);

  private final Path file;
  private volatile Loaded loaded;

  /** The file's entries and the modification time they were read at. */
  private record Loaded(FileTime modified, HtpasswdFile entries) {}

  @Activate
  public HtpasswdProvider(HtpasswdConfig config) throws ConfigurationException {
    String path = Settings.required("file", config.file());
    this.file = Path.of(path).toAbsolutePath();
    try {
      this.loaded = load();
    } catch (IOException e) {
      throw new ConfigurationException("file", Settings.quote(path) + " cannot be read", e);
    }
    LOG.info("htpasswd login from {}: {} user(s)", file, loaded.entries().hashes().size());
  }

  private Loaded load() throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    HtpasswdFile entries = HtpasswdFile.read(file);
    if (!entries.skipped().isEmpty()) {
      LOG.warn(
          "htpasswd {}: entries that are not bcrypt (htpasswd -B) are ignored: {}",
          file,
          entries.skipped());
    }
    return new Loaded(modified, entries);
  }

  /** The entries, read again when the file changed since. */
  private HtpasswdFile entries() throws AuthenticationUnavailableException {
    try {
      Loaded current = loaded;
      if (!Files.getLastModifiedTime(file).equals(current.modified())) {
        current = load();
        loaded = current;
      }
      return current.entries();
    } catch (IOException e) {
      throw new AuthenticationUnavailableException("htpasswd file " + file + " cannot be read", e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException {
    if (username == null || username.isBlank() || password == null || password.length == 0) {
      return Optional.empty();
    }
    return entries().verify(username, new String(password)).map(user -> Identity.of(NAME, user));
  }
}
