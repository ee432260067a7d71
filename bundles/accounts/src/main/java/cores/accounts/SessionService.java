package cores.accounts;

import cores.accounts.entity.SessionEntity;
import cores.accounts.entity.UserEntity;
import cores.api.accounts.Sessions;
import cores.api.accounts.User;
import cores.api.persistence.Signals;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
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

  /**
   * The session and the user it acts as in one read: the impersonated user while the impersonation
   * is still allowed (target active, the real user staff, a superuser only by a superuser), else
   * the real user; the real user must be active. Writes are left to {@link #resolveAndUpdate}.
   */
  private static final String RESOLVE =
      "SELECT s.expires, s.impersonated_user_id, i.id, "
          + UserRow.COLUMNS
          + " FROM cores_session s"
          + " JOIN auth_user r ON r.id = s.user_id AND r.is_active"
          + " LEFT JOIN auth_user i ON i.id = s.impersonated_user_id AND i.is_active"
          + " AND r.is_staff AND (r.is_superuser OR NOT i.is_superuser)"
          + " JOIN auth_user u ON u.id = coalesce(i.id, r.id)"
          + " WHERE s.key_hash = ?";

  /** A session's row as {@link #RESOLVE} reads it. */
  private record Resolved(
      Instant expires, boolean impersonating, boolean impersonationValid, User user) {}

  private final Transactions tx;
  private final KeptKeys<Resolved> kept;
  private final Duration timeout;
  private final Clock clock;
  private final SecureRandom random;

  @Activate
  public SessionService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Signals signals,
      AccountsConfig config) {
    this(tx, signals, Settings.of(config), DatabaseClock.create(), new SecureRandom());
  }

  SessionService(
      Transactions tx, Signals signals, Settings settings, Clock clock, SecureRandom random) {
    this.tx = tx;
    this.kept = new KeptKeys<>(signals);
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
    return session(key).map(Session::user);
  }

  /**
   * Whether the session impersonates comes with the same read (its impersonated user's id). The
   * read is one autocommit statement (one round trip, no transaction of its own), kept until the
   * accounts' tables signal a change ({@link KeptKeys}); only a session that expired, whose expiry
   * slides or whose impersonation ends takes a read-write transaction, and is read again next time.
   */
  @Override
  public Optional<Session> session(String key) {
    if (key == null || key.length() != KEY_LENGTH) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String hash = Keys.hash(key);
    Resolved session = kept.get(hash, () -> read(hash));
    if (session == null) {
      return Optional.empty();
    }
    if (session.expires().isAfter(now)
        && session.impersonationValid()
        && !now.plus(timeout).isAfter(session.expires().plus(SLIDE_GRANULARITY))) {
      return Optional.of(new Session(session.user(), session.impersonating()));
    }
    kept.forget(hash);
    return tx.required(em -> resolveAndUpdate(em, hash, now));
  }

  private Resolved read(String hash) {
    Object[] row = tx.autocommit(c -> UserRow.first(c, RESOLVE, hash, 3 + UserRow.WIDTH));
    return row == null
        ? null
        : new Resolved(
            UserRow.instant(row[0]),
            row[1] != null,
            row[1] == null || row[2] != null,
            UserRow.user(row, 3));
  }

  /**
   * The rare case that writes: the expiry slides, the session expired or the impersonation ends.
   */
  private Optional<Session> resolveAndUpdate(EntityManager em, String hash, Instant now) {
    SessionEntity session = em.find(SessionEntity.class, hash);
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
    UserEntity acting = ImpersonationService.actingUser(em, session, user);
    return Optional.of(
        new Session(UserMapping.toUser(acting), session.impersonatedUserId() != null));
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
