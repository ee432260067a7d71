package cores.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Browser sessions, stored in the database (only a hash of each session key) so that any instance
 * of Cores can serve any request.
 */
@ProviderType
public interface Sessions {

  /** Opens a session for the user and returns its key, to be sent as a cookie. */
  String open(long userId);

  /** The active user of a live session, extending its expiry; empty when unknown or expired. */
  Optional<User> resolve(String key);

  /** Ends the session; unknown keys are ignored. */
  void close(String key);
}
