package cores.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Resetting a forgotten local password through a link mailed to the account's address. A link's key
 * is random, works once and expires; only a hash of it is stored.
 */
@ProviderType
public interface PasswordResets {

  /**
   * Mails a reset link to every active user with a local password whose address this is (ignoring
   * case), through the outbox, unless that user already asked too often lately. Unknown addresses
   * get nothing. Callers answer the same whatever happened, so that nobody learns which addresses
   * have accounts; the work is done after this returns, so that not even its time tells.
   *
   * @throws cores.api.web.ProblemException 400 at {@code email} when it is not an email address
   */
  void request(String email);

  /** The user whose live reset key this is; empty when it is unknown, used or expired. */
  Optional<User> check(String key);

  /**
   * Sets the new password: uses up every reset key of the user and ends the user's browser
   * sessions.
   *
   * @throws cores.api.web.ProblemException 400 at {@code new_password} when it is not acceptable;
   *     404 when the key is unknown, used or expired
   */
  User reset(String key, char[] password);
}
