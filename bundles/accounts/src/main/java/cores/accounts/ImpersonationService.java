package cores.accounts;

import cores.accounts.entity.SessionEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Impersonation;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Impersonation within a browser session: the session row keeps its real user and names the user it
 * acts as. Every start and stop is written to {@code auth_impersonation_log} in the same
 * transaction as the change, and logged.
 */
@Component(service = Impersonation.class)
public final class ImpersonationService implements Impersonation {
  private static final Logger LOG = LoggerFactory.getLogger(ImpersonationService.class);

  private final Transactions tx;

  @Activate
  public ImpersonationService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx) {
    this.tx = tx;
  }

  @Override
  public User start(String sessionKey, long targetUserId) {
    return tx.required(
        em -> {
          SessionEntity session = session(em, sessionKey);
          UserEntity real = em.find(UserEntity.class, session.userId());
          if (session.impersonatedUserId() != null) {
            throw new SecurityException("Stop the current impersonation first.");
          }
          if (real == null || !real.active() || !real.staff()) {
            throw new SecurityException("Only staff may impersonate other users.");
          }
          UserEntity target = em.find(UserEntity.class, targetUserId);
          if (target == null || !target.active()) {
            throw new IllegalArgumentException("user_id: no active user " + targetUserId);
          }
          if (target.id() == real.id()) {
            throw new IllegalArgumentException("user_id: that is you");
          }
          String beyond = Authority.beyond(UserMapping.toUser(real), Authority.Rights.of(target));
          if (beyond != null) {
            // acting as someone with more rights would be a way to them
            throw new SecurityException("You may not impersonate " + beyond);
          }
          session.impersonatedUserId(target.id());
          record(em, "start", real, target);
          return UserMapping.toUser(target);
        });
  }

  @Override
  public Optional<User> stop(String sessionKey) {
    return tx.required(
        em -> {
          SessionEntity session = session(em, sessionKey);
          Long targetId = session.impersonatedUserId();
          if (targetId == null) {
            return Optional.<User>empty();
          }
          UserEntity real = em.find(UserEntity.class, session.userId());
          UserEntity target = em.find(UserEntity.class, targetId);
          session.impersonatedUserId(null);
          record(em, "stop", real, target);
          return Optional.of(UserMapping.toUser(real));
        });
  }

  @Override
  public Optional<User> impersonator(String sessionKey) {
    if (sessionKey == null || sessionKey.isEmpty()) {
      return Optional.empty();
    }
    return tx.readOnly(
        em -> {
          SessionEntity session = em.find(SessionEntity.class, Keys.hash(sessionKey));
          if (session == null || session.impersonatedUserId() == null) {
            return Optional.<User>empty();
          }
          return Optional.ofNullable(em.find(UserEntity.class, session.userId()))
              .map(UserMapping::toUser);
        });
  }

  /**
   * The user a live session acts as: its own user, or the impersonated one. An impersonation whose
   * target is gone or inactive, or whose real user is no longer staff, ends here (and is recorded).
   */
  static UserEntity actingUser(EntityManager em, SessionEntity session, UserEntity real) {
    Long targetId = session.impersonatedUserId();
    if (targetId == null) {
      return real;
    }
    UserEntity target = em.find(UserEntity.class, targetId);
    boolean allowed =
        target != null
            && target.active()
            && real.staff()
            && (real.superuser() || !target.superuser());
    if (allowed) {
      return target;
    }
    session.impersonatedUserId(null);
    record(em, "stop", real, target);
    return real;
  }

  private static SessionEntity session(EntityManager em, String key) {
    SessionEntity session =
        key == null || key.isEmpty()
            ? null
            : em.find(SessionEntity.class, Keys.hash(key), LockModeType.PESSIMISTIC_WRITE);
    if (session == null) {
      throw new IllegalArgumentException("session: impersonation needs a browser session");
    }
    return session;
  }

  private static void record(EntityManager em, String action, UserEntity real, UserEntity target) {
    String realName = real == null ? "?" : real.username();
    String targetName = target == null ? "?" : target.username();
    em.createNativeQuery(
            "INSERT INTO auth_impersonation_log"
                + " (action, real_user_id, real_username, target_user_id, target_username)"
                + " VALUES (?1, CAST(?2 AS bigint), ?3, CAST(?4 AS bigint), ?5)")
        .setParameter(1, action)
        .setParameter(2, real == null ? null : real.id())
        .setParameter(3, realName)
        .setParameter(4, target == null ? null : target.id())
        .setParameter(5, targetName)
        .executeUpdate();
    LOG.info("Impersonation {}: {} as {}", action, realName, targetName);
  }
}
