package cores.accounts;

import cores.accounts.entity.UserEntity;
import cores.api.accounts.PasswordResets;
import cores.api.accounts.User;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.notify.Outbox;
import cores.api.persistence.Transactions;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password reset links: a random key per request, stored as its hash in {@code
 * auth_password_reset}, mailed through the outbox in the same transaction (so a key exists exactly
 * when its mail is queued). A key works once, until it expires, and only for an active user with a
 * local password. Each user gets at most so many mails an hour, whoever asks.
 *
 * <p>A request is handled after its answer, on a thread of its own: looking the address up and
 * writing the key and the mail take time only when an account has the address, and an answer that
 * waited for them would tell by its time which addresses have accounts.
 */
@Component(service = PasswordResets.class, configurationPid = AccountsConfig.PID)
public final class PasswordResetService implements PasswordResets {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordResetService.class);

  /** The window of the per-user limit. */
  static final Duration LIMIT_WINDOW = Duration.ofHours(1);

  /** Requests waiting to be handled, at most. */
  private static final int QUEUE = 1000;

  /** Rows are kept this long after they were created, to count requests; then deleted. */
  private static final Duration KEEP = Duration.ofDays(1);

  private final Transactions tx;
  private final Outbox outbox;
  private final PasswordRules rules;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration validFor;
  private final int perHour;
  private final Executor work;

  @Activate
  public PasswordResetService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Outbox outbox,
      @Reference PasswordRules rules,
      AccountsConfig config) {
    this(
        tx,
        outbox,
        rules,
        new PasswordHasher(new SecureRandom()),
        DatabaseClock.create(),
        new SecureRandom(),
        Duration.ofMinutes(config.passwordResetMinutes()),
        config.passwordResetsPerHour(),
        worker());
  }

  /** One thread, and a bounded queue: a flood of requests drops some, it cannot grow memory. */
  private static ExecutorService worker() {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        task -> {
          Thread thread = new Thread(task, "cores-password-resets");
          thread.setDaemon(true);
          return thread;
        },
        (task, pool) -> LOG.warn("Password reset requests arrive faster than mailed: one dropped"));
  }

  /** Handles the requests queued so far, then stops. */
  @Deactivate
  public void stop() throws InterruptedException {
    if (work instanceof ExecutorService pool) {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  PasswordResetService(
      Transactions tx,
      Outbox outbox,
      PasswordRules rules,
      PasswordHasher hasher,
      Clock clock,
      SecureRandom random,
      Duration validFor,
      int perHour,
      Executor work) {
    if (validFor.isNegative() || validFor.isZero() || perHour < 1) {
      throw new IllegalArgumentException("passwordResetMinutes and passwordResetsPerHour >= 1");
    }
    this.tx = tx;
    this.outbox = outbox;
    this.rules = rules;
    this.hasher = hasher;
    this.clock = clock;
    this.random = random;
    this.validFor = validFor;
    this.perHour = perHour;
    this.work = work;
  }

  @Override
  public void request(String email) {
    String address = email == null ? "" : email.strip();
    String problem = Validation.email(address, true);
    if (problem != null) {
      throw FieldErrors.single("email", problem);
    }
    if (!mailed()) {
      throw new ProblemException(503, "Service Unavailable", NOT_MAILED);
    }
    Instant now = clock.instant();
    work.execute(
        () -> {
          try {
            mail(address, now);
          } catch (RuntimeException e) {
            LOG.warn("Password reset request not handled: {}", e.toString());
          }
        });
  }

  @Override
  public boolean mailed() {
    return outbox.delivers(NotificationType.PASSWORD_RESET);
  }

  private void mail(String address, Instant now) {
    tx.required(
        em -> {
          em.createNativeQuery("DELETE FROM auth_password_reset WHERE created < ?1")
              .setParameter(1, Timestamp.from(now.minus(KEEP)))
              .executeUpdate();
          List<Long> owners =
              em.createQuery(
                      "select u.id from UserEntity u where lower(u.email) = lower(:email)"
                          + " and u.active = true order by u.id",
                      Long.class)
                  .setParameter("email", address)
                  .getResultList();
          for (long id : owners) {
            // locked, so that parallel requests for one user count each other
            UserEntity user = em.find(UserEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (user != null && PasswordHasher.usable(user.password())) {
              issue(em, user, now);
            }
          }
          return null;
        });
  }

  private void issue(EntityManager em, UserEntity user, Instant now) {
    long recent =
        ((Number)
                em.createNativeQuery(
                        "SELECT count(*) FROM auth_password_reset WHERE user_id = ?1 AND created > ?2")
                    .setParameter(1, user.id())
                    .setParameter(2, Timestamp.from(now.minus(LIMIT_WINDOW)))
                    .getSingleResult())
            .longValue();
    if (recent >= perHour) {
      LOG.info(
          "Password reset for {} not mailed: {} already within the hour", user.username(), recent);
      return;
    }
    String key = Keys.urlSafeKey(random);
    Instant expires = now.plus(validFor);
    em.createNativeQuery(
            "INSERT INTO auth_password_reset (user_id, key_hash, created, expires)"
                + " VALUES (?1, ?2, ?3, ?4)")
        .setParameter(1, user.id())
        .setParameter(2, Keys.hash(key))
        .setParameter(3, Timestamp.from(now))
        .setParameter(4, Timestamp.from(expires))
        .executeUpdate();
    outbox.enqueue(
        em,
        NotificationEvent.toUser(
            NotificationType.PASSWORD_RESET,
            user.id(),
            Map.of(
                NotificationEvent.USERNAME, user.username(),
                NotificationEvent.TOKEN, key,
                NotificationEvent.VALID_FOR, describe(validFor),
                NotificationEvent.EXPIRES, expires.toString())));
  }

  @Override
  public Optional<User> check(String key) {
    if (!Keys.urlSafeShape(key)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tx.readOnly(em -> owner(em, key, now, false).map(UserMapping::toUser));
  }

  @Override
  public User reset(String key, char[] password) {
    User owner = check(key).orElseThrow(PasswordResetService::expired);
    rules.require(
        "new_password",
        password,
        new PasswordRules.Person(
            owner.username(), owner.firstName(), owner.lastName(), owner.email()));
    String hash = hasher.hash(password);
    Instant now = clock.instant();
    return tx.required(
        em -> {
          UserEntity user = owner(em, key, now, true).orElseThrow(PasswordResetService::expired);
          user.password(hash);
          Credentials.passwordChanged(em, user.id(), user.username(), null, now);
          return UserMapping.toUser(user);
        });
  }

  /** Ends every pending reset of the user: after any password change, old links must not work. */
  static void useUp(EntityManager em, long userId, Instant now) {
    em.createNativeQuery(
            "UPDATE auth_password_reset SET used_at = ?1 WHERE user_id = ?2 AND used_at IS NULL")
        .setParameter(1, Timestamp.from(now))
        .setParameter(2, userId)
        .executeUpdate();
  }

  /**
   * The active user with a local password whose live key this is.
   *
   * @param lock whether to lock the key's row, so that it is used once even by parallel requests
   */
  private static Optional<UserEntity> owner(
      EntityManager em, String key, Instant now, boolean lock) {
    List<?> found =
        em.createNativeQuery(
                "SELECT user_id FROM auth_password_reset"
                    + " WHERE key_hash = ?1 AND used_at IS NULL AND expires > ?2"
                    + (lock ? " FOR UPDATE" : ""))
            .setParameter(1, Keys.hash(key))
            .setParameter(2, Timestamp.from(now))
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    UserEntity user = em.find(UserEntity.class, ((Number) found.get(0)).longValue());
    return user != null && user.active() && PasswordHasher.usable(user.password())
        ? Optional.of(user)
        : Optional.empty();
  }

  private static ProblemException expired() {
    return ProblemException.notFound("This password reset link is unknown, used or expired.");
  }

  /** "1 hour", "90 minutes", "2 hours": for the mail. */
  static String describe(Duration duration) {
    long minutes = duration.toMinutes();
    if (minutes % 60 == 0) {
      long hours = minutes / 60;
      return hours == 1 ? "1 hour" : hours + " hours";
    }
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
