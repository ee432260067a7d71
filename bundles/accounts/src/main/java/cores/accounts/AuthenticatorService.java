package cores.accounts;

import cores.api.accounts.Accounts;
import cores.api.accounts.User;
import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Authenticator;
import cores.api.auth.Identity;
import cores.api.auth.LoginFailedException;
import cores.api.auth.LoginFailedException.Reason;
import cores.api.persistence.Transactions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs users in through the active providers, highest {@code service.ranking} first, and slows down
 * repeated failures per username. Failures are kept in the database so that the limit holds across
 * instances.
 */
@Component(service = Authenticator.class, configurationPid = AccountsConfig.PID)
@Designate(ocd = AccountsConfig.class)
public final class AuthenticatorService implements Authenticator {
  /** Failures older than this no longer count. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(AuthenticatorService.class);
  private static final Comparator<Ranked> ORDER =
      Comparator.comparingInt(Ranked::ranking).reversed().thenComparingLong(Ranked::serviceId);

  private final Transactions tx;
  private final Accounts accounts;
  private final Settings settings;
  private final Clock clock;

  /** Replaced as a whole when providers come and go; logins read it without locking. */
  private volatile List<Ranked> providers = List.of();

  @Activate
  public AuthenticatorService(
      @Reference(target = "(osgi.unit.name=cores.accounts)") Transactions tx,
      @Reference Accounts accounts,
      AccountsConfig config) {
    this(tx, accounts, Settings.of(config), DatabaseClock.create());
  }

  AuthenticatorService(Transactions tx, Accounts accounts, Settings settings, Clock clock) {
    this.tx = tx;
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
  }

  @Reference(
      service = AuthenticationProvider.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      unbind = "removeProvider")
  synchronized void addProvider(AuthenticationProvider provider, Map<String, Object> properties) {
    Object ranking = properties.get(Constants.SERVICE_RANKING);
    Object id = properties.get(Constants.SERVICE_ID);
    List<Ranked> next = new ArrayList<>(providers);
    next.add(
        new Ranked(
            provider,
            ranking instanceof Integer r ? r : 0,
            id instanceof Long l ? l : Long.MAX_VALUE));
    next.sort(ORDER);
    providers = List.copyOf(next);
  }

  synchronized void removeProvider(AuthenticationProvider provider) {
    List<Ranked> next = new ArrayList<>(providers);
    next.removeIf(r -> r.provider() == provider);
    providers = List.copyOf(next);
  }

  @Override
  public List<String> providers() {
    return providers.stream().map(r -> r.provider().name()).toList();
  }

  @Override
  public User login(String username, char[] password) throws LoginFailedException {
    // an empty password must never reach a provider: some LDAP servers treat it as an anonymous
    // bind, which succeeds
    if (username == null
        || username.isEmpty()
        || username.length() > Validation.USERNAME_MAX
        // no user has one, and PostgreSQL refuses NUL in text: a wrong login, not an outage
        || username.indexOf('\0') >= 0
        || password == null
        || password.length == 0) {
      throw invalid();
    }
    Instant now = clock.instant();
    // the attempt is recorded before it is judged, so that parallel guesses see each other
    long attempt;
    try {
      attempt = recordAttempt(username, now);
    } catch (RuntimeException e) {
      LOG.error("Cannot record a login attempt: the user database is unavailable", e);
      throw new LoginFailedException(Reason.UNAVAILABLE, "authentication service unavailable");
    }
    boolean failed = false;
    try {
      refuseWhenThrottled(username, now, attempt);
      Optional<Identity> identity = ask(username, password);
      if (identity.isEmpty()) {
        failed = true;
        forgetExpired(now);
        throw invalid();
      }
      return succeed(username, identity.get(), now);
    } finally {
      if (!failed) {
        // refused unasked, an outage, or a right password: none of these is a failed guess
        forget(attempt);
      }
    }
  }

  /** The first provider's identity, or empty when every provider says no. */
  private Optional<Identity> ask(String username, char[] password) throws LoginFailedException {
    boolean unavailable = false;
    for (Ranked ranked : providers) {
      Optional<Identity> identity;
      try {
        identity = ranked.provider().authenticate(username, password);
      } catch (AuthenticationUnavailableException e) {
        LOG.warn("Authentication provider {} is unavailable: {}", ranked.name(), e.getMessage());
        unavailable = true;
        continue;
      } catch (RuntimeException e) {
        LOG.error("Authentication provider {} failed", ranked.name(), e);
        unavailable = true;
        continue;
      }
      if (identity.isPresent()) {
        return identity;
      }
    }
    if (unavailable) {
      throw new LoginFailedException(Reason.UNAVAILABLE, "authentication service unavailable");
    }
    return Optional.empty();
  }

  private User succeed(String username, Identity identity, Instant now)
      throws LoginFailedException {
    User user;
    try {
      user = accounts.provision(identity);
    } catch (IllegalArgumentException e) {
      // the provider vouched for a name no user can have: its configuration is wrong
      LOG.error(
          "Provider {} returned an unusable identity: {}", identity.provider(), e.getMessage());
      throw new LoginFailedException(Reason.UNAVAILABLE, "authentication service unavailable");
    }
    if (!user.active()) {
      throw new LoginFailedException(Reason.INACTIVE, "This account is inactive.");
    }
    tx.required(
        em -> {
          em.createNativeQuery("UPDATE auth_user SET last_login = ?1 WHERE id = ?2")
              .setParameter(1, Timestamp.from(now))
              .setParameter(2, user.id())
              .executeUpdate();
          return em.createNativeQuery("DELETE FROM auth_login_failure WHERE username = lower(?1)")
              .setParameter(1, username)
              .executeUpdate();
        });
    return new User(
        user.id(),
        user.username(),
        user.firstName(),
        user.lastName(),
        user.email(),
        user.active(),
        user.staff(),
        user.superuser(),
        user.groups(),
        user.permissions(),
        now);
  }

  /**
   * After the free failures, each further one doubles the wait (from one second, up to the
   * configured maximum) counted from the latest failure. The attempt being judged does not count
   * itself; attempts running in parallel do.
   */
  private void refuseWhenThrottled(String username, Instant now, long attempt)
      throws LoginFailedException {
    Object[] row =
        tx.readOnly(
            em ->
                (Object[])
                    em.createNativeQuery(
                            "SELECT count(*), max(failed_at) FROM auth_login_failure"
                                + " WHERE username = lower(?1) AND failed_at > ?2 AND id <> ?3")
                        .setParameter(1, username)
                        .setParameter(2, Timestamp.from(now.minus(WINDOW)))
                        .setParameter(3, attempt)
                        .getSingleResult());
    long failures = ((Number) row[0]).longValue();
    if (failures < settings.throttleFreeFailures() || row[1] == null) {
      return;
    }
    Instant last = ((Timestamp) row[1]).toInstant();
    long excess = failures - settings.throttleFreeFailures();
    Duration delay =
        excess >= 30
            ? settings.throttleMaxDelay()
            : min(Duration.ofSeconds(1L << excess), settings.throttleMaxDelay());
    if (now.isBefore(last.plus(delay))) {
      throw new LoginFailedException(
          Reason.THROTTLED, "Too many failed logins for this user. Try again later.");
    }
  }

  /**
   * Records the attempt as a failure, committed at once so that other instances count it; it is
   * taken back unless the password turns out wrong. Usernames are lower-cased by the database, as
   * in auth_user's unique index.
   */
  private long recordAttempt(String username, Instant now) {
    return tx.required(
        em ->
            ((Number)
                    em.createNativeQuery(
                            "INSERT INTO auth_login_failure (username, failed_at)"
                                + " VALUES (lower(?1), ?2) RETURNING id")
                        .setParameter(1, username)
                        .setParameter(2, Timestamp.from(now))
                        .getSingleResult())
                .longValue());
  }

  private void forget(long attempt) {
    tx.required(
        em ->
            em.createNativeQuery("DELETE FROM auth_login_failure WHERE id = ?1")
                .setParameter(1, attempt)
                .executeUpdate());
  }

  /** Deletes every user's failures that no longer count, so the table stays small. */
  private void forgetExpired(Instant now) {
    tx.required(
        em ->
            em.createNativeQuery("DELETE FROM auth_login_failure WHERE failed_at <= ?1")
                .setParameter(1, Timestamp.from(now.minus(WINDOW)))
                .executeUpdate());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static LoginFailedException invalid() {
    return new LoginFailedException(Reason.INVALID_CREDENTIALS, "Invalid username or password.");
  }

  private record Ranked(AuthenticationProvider provider, int ranking, long serviceId) {
    String name() {
      return provider.name();
    }
  }
}
