package cores.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Resetting a forgotten local password through a link mailed to the account's address. A link's key
 * is random, works once and expires; only a hash of it is stored.
 */
@ProviderType
public interface PasswordResets {

  /** Why no link is made while {@link #mailed()} is false, and whom to ask instead. */
  String NOT_MAILED =
      "This Cores sends no email, so it cannot mail you a link. Ask the lab's staff to set a new"
          + " password for you.";

  /**
   * Mails a reset link to every active user with a local password whose address this is (ignoring
   * case), through the outbox, unless that user already asked too often lately. Unknown addresses
   * get nothing. Callers answer the same whatever happened, so that nobody learns which addresses
   * have accounts; the work is done after this returns, so that not even its time tells.
   *
   * @throws cores.api.web.ProblemException 400 at {@code email} when it is not an email address;
   *     503 when no link can be mailed ({@link #mailed()} false), and then nothing is recorded
   */
  void request(String email);

  /**
   * Whether a link asked for now would be mailed: a channel that delivers to the recipient alone
   * (email) is active. Without one a link would wait unsent until it expired, so none is made.
   */
  boolean mailed();

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
