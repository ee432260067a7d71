package cores.accounts;

import cores.accounts.entity.UserEntity;
import cores.api.accounts.Profile;
import cores.api.accounts.Profiles;
import cores.api.persistence.Transactions;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Users changing their own names, address, reminder choice and local password. A wrong current
 * password counts as a failed login of that username, so guessing it here is throttled like
 * guessing it at the login.
 */
@Component(service = Profiles.class, configurationPid = AccountsConfig.PID)
public final class ProfileService implements Profiles {
  private final Transactions tx;
  private final PasswordHasher hasher;
  private final Settings settings;
  private final Clock clock;
  private final PasswordRules rules;

  @Activate
  public ProfileService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference PasswordRules rules,
      AccountsConfig config) {
    this(
        tx,
        new PasswordHasher(new SecureRandom()),
        Settings.of(config),
        DatabaseClock.create(),
        rules);
  }

  ProfileService(
      Transactions tx, PasswordHasher hasher, Settings settings, Clock clock, PasswordRules rules) {
    this.tx = tx;
    this.hasher = hasher;
    this.settings = settings;
    this.clock = clock;
    this.rules = rules;
  }

  @Override
  public Optional<Profile> profile(long userId) {
    return tx.readOnly(
        em -> Optional.ofNullable(em.find(UserEntity.class, userId)).map(ProfileService::profile));
  }

  @Override
  public Profile update(
      long userId, String firstName, String lastName, String email, boolean receiveReminders) {
    String first = strip(firstName);
    String last = strip(lastName);
    String address = strip(email);
    Profile stored = tx.readOnly(em -> profile(find(em, userId)));
    new FieldErrors()
        .check("first_name", Validation.name(first, stored.firstName()))
        .check("last_name", Validation.name(last, stored.lastName()))
        .check("email", Validation.email(address, true, stored.email()))
        .throwIfAny();
    return tx.required(
        em -> {
          // changes to one address wait for each other, so two users cannot both take a free one
          em.createNativeQuery(
                  "SELECT 1 FROM pg_advisory_xact_lock(hashtext('auth_user.email:' || lower(?1)))")
              .setParameter(1, address)
              .getResultList();
          UserEntity user = find(em, userId);
          if (addressTaken(em, userId, address)) {
            throw FieldErrors.single("email", "another account already uses this address");
          }
          user.firstName(first);
          user.lastName(last);
          user.email(address);
          user.receiveReminders(receiveReminders);
          return profile(user);
        });
  }

  @Override
  public void changePassword(long userId, char[] current, char[] next, String keepSession) {
    Stored stored =
        tx.readOnly(
            em -> {
              UserEntity user = find(em, userId);
              return new Stored(
                  user.username(),
                  user.password(),
                  new PasswordRules.Person(
                      user.username(), user.firstName(), user.lastName(), user.email()));
            });
    if (!PasswordHasher.usable(stored.hash())) {
      throw new ProblemException(
          409,
          "Conflict",
          "This account has no Cores password: you log in with your organisation's password.");
    }
    String username = stored.username();
    Instant now = clock.instant();
    refuseWhenThrottled(username, now);
    FieldErrors errors = rules.check(new FieldErrors(), "new_password", next, stored.person());
    boolean right = current != null && hasher.verify(current, stored.hash());
    if (!right) {
      recordFailure(username, now);
      errors.check(
          "current_password",
          current == null || current.length == 0 ? "required" : "wrong password");
    }
    errors.throwIfAny();
    String hash = hasher.hash(next);
    tx.required(
        em -> {
          int changed =
              em.createNativeQuery(
                      "UPDATE auth_user SET password = ?1 WHERE id = ?2 AND password = ?3")
                  .setParameter(1, hash)
                  .setParameter(2, userId)
                  .setParameter(3, stored.hash())
                  .executeUpdate();
          if (changed == 0) {
            throw ProblemException.conflict(
                "The password was changed meanwhile. Log in again and retry.");
          }
          Credentials.passwordChanged(
              em, userId, username, keepSession == null ? null : Keys.hash(keepSession), now);
          return null;
        });
  }

  /**
   * After as many wrong passwords as the login allows freely, this page waits for the window. Only
   * this page's own failures count (no client address): a guesser at the login elsewhere must not
   * keep the owner from changing the password.
   */
  private void refuseWhenThrottled(String username, Instant now) {
    long failures =
        tx.readOnly(
            em ->
                ((Number)
                        em.createNativeQuery(
                                "SELECT count(*) FROM auth_login_failure WHERE username ="
                                    + " lower(?1) AND client_address IS NULL AND failed_at > ?2")
                            .setParameter(1, username)
                            .setParameter(2, Timestamp.from(now.minus(AuthenticatorService.WINDOW)))
                            .getSingleResult())
                    .longValue());
    if (failures >= Math.max(1, settings.throttleFreeFailures())) {
      throw new ProblemException(
          429, "Too Many Requests", "Too many wrong passwords. Try again in a few minutes.");
    }
  }

  private void recordFailure(String username, Instant now) {
    tx.required(
        em ->
            em.createNativeQuery(
                    "INSERT INTO auth_login_failure (username, failed_at) VALUES (lower(?1), ?2)")
                .setParameter(1, username)
                .setParameter(2, Timestamp.from(now))
                .executeUpdate());
  }

  private static boolean addressTaken(EntityManager em, long userId, String address) {
    return !em.createQuery(
            "select u.id from UserEntity u where lower(u.email) = lower(:email) and u.id <> :id",
            Long.class)
        .setParameter("email", address)
        .setParameter("id", userId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  private static UserEntity find(EntityManager em, long userId) {
    UserEntity user = em.find(UserEntity.class, userId);
    if (user == null) {
      throw ProblemException.notFound("The user no longer exists.");
    }
    return user;
  }

  private static Profile profile(UserEntity user) {
    return new Profile(
        user.id(),
        user.username(),
        user.firstName(),
        user.lastName(),
        user.email(),
        user.receiveReminders(),
        PasswordHasher.usable(user.password()));
  }

  /** What the password change needs of the user, read in one short transaction. */
  private record Stored(String username, String hash, PasswordRules.Person person) {}

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }
}
