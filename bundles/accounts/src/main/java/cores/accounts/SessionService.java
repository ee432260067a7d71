package cores.accounts;

import cores.accounts.entity.SessionEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Sessions;
import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Browser sessions stored in the database, so that every instance can serve every request. The
 * expiry slides with use; expired rows are deleted whenever a session is opened. A session whose
 * user impersonates someone resolves to that someone (see {@link ImpersonationService}).
 */
@Component(service = Sessions.class, configurationPid = AccountsConfig.PID)
public final class SessionService implements Sessions {
  /** The expiry is written at most this often per session, not on every request. */
  static final Duration SLIDE_GRANULARITY = Duration.ofMinutes(1);

  private static final int KEY_LENGTH = 43;

  private final Transactions tx;
  private final Duration timeout;
  private final Clock clock;
  private final SecureRandom random;

  @Activate
  public SessionService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      AccountsConfig config) {
    this(tx, Settings.of(config), DatabaseClock.create(), new SecureRandom());
  }

  SessionService(Transactions tx, Settings settings, Clock clock, SecureRandom random) {
    this.tx = tx;
    this.timeout = settings.sessionTimeout();
    this.clock = clock;
    this.random = random;
  }

  @Override
  public String open(long userId) {
    String key = Keys.urlSafeKey(random);
    Instant now = clock.instant();
    tx.required(
        em -> {
          if (em.find(UserEntity.class, userId) == null) {
            throw new IllegalArgumentException("user: no user " + userId);
          }
          em.createNativeQuery("DELETE FROM cores_session WHERE expires <= ?1")
              .setParameter(1, Timestamp.from(now))
              .executeUpdate();
          em.persist(new SessionEntity(Keys.hash(key), userId, now, now.plus(timeout)));
          return null;
        });
    return key;
  }

  @Override
  public Optional<User> resolve(String key) {
    if (key == null || key.length() != KEY_LENGTH) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tx.required(
        em -> {
          SessionEntity session = em.find(SessionEntity.class, Keys.hash(key));
          if (session == null) {
            return Optional.empty();
          }
          if (!session.expires().isAfter(now)) {
            em.remove(session);
            return Optional.empty();
          }
          UserEntity user = em.find(UserEntity.class, session.userId());
          if (user == null || !user.active()) {
            return Optional.empty();
          }
          Instant expires = now.plus(timeout);
          if (expires.isAfter(session.expires().plus(SLIDE_GRANULARITY))) {
            session.expires(expires);
          }
          return Optional.of(
              UserMapping.toUser(ImpersonationService.actingUser(em, session, user)));
        });
  }

  @Override
  public void close(String key) {
    if (key == null) {
      return;
    }
    tx.required(
        em ->
            em.createNativeQuery("DELETE FROM cores_session WHERE key_hash = ?1")
                .setParameter(1, Keys.hash(key))
                .executeUpdate());
  }
}
