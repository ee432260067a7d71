package cores.api.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** API tokens ({@code Authorization: Token <key>}); only a hash of each key is stored. */
@ProviderType
public interface Tokens {

  /** A token as its owner sees it: never its key. */
  record Token(long id, String label, Instant created, Instant lastUsed) {}

  /** Issues a new token for the user and returns its key: the only time the key is visible. */
  String issue(long userId, String label);

  /** The active user holding this key, if any. */
  Optional<User> authenticate(String key);

  /** Revokes every token of the user that has this label. */
  void revoke(long userId, String label);

  /** The user's tokens, oldest first. */
  List<Token> list(long userId);

  /**
   * Revokes one of the user's tokens.
   *
   * @return false when the user has no token with that id
   */
  boolean revokeById(long userId, long tokenId);
}
