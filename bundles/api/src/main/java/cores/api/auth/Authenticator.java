package cores.api.auth;

import cores.api.accounts.User;
import java.net.InetAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Logs users in: tries every active {@link AuthenticationProvider} in order, creates or refreshes
 * the local user of an external identity, and slows down repeated failures per username and client
 * address.
 */
@ProviderType
public interface Authenticator {

  /**
   * A login whose client address is unknown: its failures count as those of one unknown address.
   *
   * @return the logged-in user
   * @throws LoginFailedException with a reason fit to show to the user
   */
  User login(String username, char[] password) throws LoginFailedException;

  /**
   * A login from a known client address, so that a guesser elsewhere does not slow down the owner.
   * This default ignores the address.
   *
   * @param clientAddress where the attempt comes from, or null when unknown
   * @return the logged-in user
   * @throws LoginFailedException with a reason fit to show to the user; when throttled, with the
   *     wait until another attempt may be made
   * @since 1.2
   */
  default User login(String username, char[] password, InetAddress clientAddress)
      throws LoginFailedException {
    return login(username, password);
  }

  /** Names of the active providers in the order they are tried, e.g. {@code ["local", "ldap"]}. */
  java.util.List<String> providers();
}
