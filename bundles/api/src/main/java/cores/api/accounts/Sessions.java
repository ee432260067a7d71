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

  /**
   * As {@link #resolve}, and whether the session impersonates someone: a request of a session known
   * not to is spared looking its impersonator up. By default unknown (true: ask).
   *
   * @since 1.3
   */
  default Optional<Session> session(String key) {
    return resolve(key).map(user -> new Session(user, true));
  }

  /** Ends the session; unknown keys are ignored. */
  void close(String key);

  /**
   * A live session.
   *
   * @param user the user it acts as (the impersonated one while impersonating)
   * @param impersonating whether its own user impersonates {@code user}; true when unknown
   * @since 1.3
   */
  record Session(User user, boolean impersonating) {}
}
