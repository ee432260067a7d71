package cores.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Staff acting as another user within their browser session (DOMAIN.md). While it lasts, {@link
 * Sessions#resolve} answers the impersonated user, so every request acts as them; the real user is
 * remembered and every start and stop is recorded.
 */
@ProviderType
public interface Impersonation {

  /**
   * Makes the session act as the target user.
   *
   * @return the user the session now acts as
   * @throws SecurityException when the session's user may not impersonate the target: only active
   *     staff may, superusers only by superusers, and not while already impersonating
   * @throws IllegalArgumentException when the session or the target (active) user does not exist;
   *     the message names the field
   */
  User start(String sessionKey, long targetUserId);

  /**
   * Ends the impersonation: the session acts as its real user again.
   *
   * @return the real user, or empty when the session was not impersonating anyone
   */
  Optional<User> stop(String sessionKey);

  /** The real user of a session that is impersonating someone; empty otherwise. */
  Optional<User> impersonator(String sessionKey);
}
