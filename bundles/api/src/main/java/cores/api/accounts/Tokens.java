package cores.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** API tokens ({@code Authorization: Token <key>}); only a hash of each key is stored. */
@ProviderType
public interface Tokens {

  /** Issues a new token for the user and returns its key: the only time the key is visible. */
  String issue(long userId, String label);

  /** The active user holding this key, if any. */
  Optional<User> authenticate(String key);

  /** Revokes every token of the user that has this label. */
  void revoke(long userId, String label);
}
