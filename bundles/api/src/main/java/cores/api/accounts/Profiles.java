package cores.api.accounts;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Users changing their own account: names, email, reminders and their local password. Refusals are
 * {@link cores.api.web.ProblemException}s: 400 with the problems per field, 404 when the user is
 * gone, 409 when the account has no local password, 429 after too many wrong passwords.
 */
@ProviderType
public interface Profiles {

  /** The user's profile; empty when there is no such user. */
  Optional<Profile> profile(long userId);

  /**
   * Replaces the user's names, email address and reminder choice. The address is required and may
   * not be another user's (ignoring case); problems are at {@code first_name}, {@code last_name}
   * and {@code email}.
   */
  Profile update(
      long userId, String firstName, String lastName, String email, boolean receiveReminders);

  /**
   * Replaces the user's local password after checking the current one ({@code current_password}),
   * checks the new one ({@code new_password}), and ends the user's other browser sessions and
   * pending password resets.
   *
   * @param keepSession the key of the session making the change, which stays logged in; or null
   */
  void changePassword(long userId, char[] current, char[] next, String keepSession);
}
