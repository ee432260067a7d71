package cores.api.auth;

import cores.api.accounts.User;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Logs users in: tries every active {@link AuthenticationProvider} in order, creates or refreshes
 * the local user of an external identity, and slows down repeated failures for one username.
 */
@ProviderType
public interface Authenticator {

  /**
   * @return the logged-in user
   * @throws LoginFailedException with a reason fit to show to the user
   */
  User login(String username, char[] password) throws LoginFailedException;

  /** Names of the active providers in the order they are tried, e.g. {@code ["local", "ldap"]}. */
  java.util.List<String> providers();
}
