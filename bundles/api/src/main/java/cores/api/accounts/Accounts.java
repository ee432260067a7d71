package cores.api.accounts;

import cores.api.auth.Identity;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Users and groups of the local account store. */
@ProviderType
public interface Accounts {

  Optional<User> find(long id);

  /** Finds a user by username, ignoring case. */
  Optional<User> findByUsername(String username);

  /**
   * Users whose username, first or last name or email address contains the text, ignoring case:
   * exact username matches first, then by username; at most {@code limit}.
   */
  List<User> search(String text, int limit);

  /**
   * Creates an active staff superuser with a local password.
   *
   * @throws IllegalArgumentException when the username is taken or a value is invalid; the message
   *     names the field
   */
  User createSuperuser(String username, String email, char[] password);

  /**
   * Creates the local user of an external identity on first login, or refreshes its profile, groups
   * and flags (as far as the identity carries them) on later logins. Such users have no usable
   * local password.
   */
  User provision(Identity identity);
}
