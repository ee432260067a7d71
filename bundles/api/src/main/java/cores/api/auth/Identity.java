package cores.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who a provider says the user is. External providers fill in the profile so that the local user
 * can be created on first login and refreshed on every login.
 *
 * @param provider name of the provider that vouched for the user
 * @param username login name as the user typed it
 * @param firstName given name, or {@code null} when the provider does not know it
 * @param lastName family name, or {@code null}
 * @param email mail address, or {@code null}
 * @param groups names of Cores groups the user belongs to according to the provider, or {@code
 *     null} when the provider does not manage group membership
 * @param staff staff flag according to the provider, or {@code null} to leave it unchanged
 * @param superuser superuser flag according to the provider, or {@code null} to leave it unchanged
 */
public record Identity(
    String provider,
    String username,
    String firstName,
    String lastName,
    String email,
    Set<String> groups,
    Boolean staff,
    Boolean superuser) {

  public Identity {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(username, "username");
    groups = groups == null ? null : Set.copyOf(groups);
  }

  /** An identity that carries nothing but the username. */
  public static Identity of(String provider, String username) {
    return new Identity(provider, username, null, null, null, null, null, null);
  }
}
