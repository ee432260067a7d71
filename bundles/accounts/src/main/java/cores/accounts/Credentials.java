package cores.accounts;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * What ends when a user's credentials change, in one place for every path that changes them (the
 * user's own password change, a reset by mail, a password set by staff, a deactivation): whoever
 * held a session, an API token or a reset link from before must not keep it.
 */
public final class Credentials {
  private Credentials() {}

  /**
   * A new password: ends the user's sessions but the one kept (the user's own, changing it; or
   * null), revokes their API tokens, uses up pending reset links, and clears their failed logins.
   */
  public static void passwordChanged(
      EntityManager em, long userId, String username, String keepSessionHash, Instant now) {
    endSessionsAndTokens(em, userId, keepSessionHash);
    PasswordResetService.useUp(em, userId, now);
    em.createNativeQuery("DELETE FROM auth_login_failure WHERE username = lower(?1)")
        .setParameter(1, username)
        .executeUpdate();
  }

  /**
   * A deactivated user: reactivating them later must not revive what they held, a reset link mailed
   * before included (it would still work after a reactivation within its hour).
   */
  public static void deactivated(EntityManager em, long userId, Instant now) {
    endSessionsAndTokens(em, userId, null);
    PasswordResetService.useUp(em, userId, now);
  }

  private static void endSessionsAndTokens(EntityManager em, long userId, String keepSessionHash) {
    em.createNativeQuery("DELETE FROM cores_session WHERE user_id = ?1 AND key_hash <> ?2")
        .setParameter(1, userId)
        .setParameter(2, keepSessionHash == null ? "" : keepSessionHash)
        .executeUpdate();
    em.createNativeQuery("DELETE FROM cores_token WHERE user_id = ?1")
        .setParameter(1, userId)
        .executeUpdate();
  }
}
