package cores.api.changes;

import java.util.Objects;

/**
 * Who writes: the user, and the staff user acting as them while impersonating (else null).
 *
 * @param userId the acting user
 * @param username their username, kept in the change so that it outlives the user
 * @param impersonatorId the impersonating staff user, or null
 * @param impersonator their username, or null
 */
public record Actor(long userId, String username, Long impersonatorId, String impersonator) {
  public Actor {
    Objects.requireNonNull(username, "username");
  }

  /** A user acting as themselves. */
  public static Actor of(long userId, String username) {
    return new Actor(userId, username, null, null);
  }
}
