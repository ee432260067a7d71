package cores.api.accounts;

import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Private calendar feeds: a user's bookings and reservations at a secret address that calendar
 * applications fetch without logging in. The key in the address is the credential; only its hash is
 * stored, so the address is visible once, when it is issued. A user has at most one.
 */
@ProviderType
public interface CalendarFeeds {

  /** When a user's feed key was issued and last used (null: never). */
  record Feed(Instant created, Instant lastUsed) {}

  /** Issues a new key for the user, revoking the previous one, and returns it. */
  String issue(long userId);

  /** The user's current feed; empty when they have none. */
  Optional<Feed> feed(long userId);

  /** Revokes the user's feed key; nothing happens when there is none. */
  void revoke(long userId);

  /** The active user holding this feed key, if any. */
  Optional<User> authenticate(String key);
}
