package cores.accounts;

import cores.api.accounts.Accounts;
import cores.api.accounts.User;
import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Authenticator;
import cores.api.auth.Identity;
import cores.api.auth.LoginFailedException;
import cores.api.auth.LoginFailedException.Reason;
import cores.api.persistence.DatabaseUnavailableException;
import cores.api.persistence.Transactions;
import cores.api.web.Characters;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * repeated failures per username and client address, and per username from all addresses. Failures
 * are kept in the database so that the limits hold across instances.
 */
@Component(service = Authenticator.class, configurationPid = AccountsConfig.PID)
@Designate(ocd = AccountsConfig.class)
public final class AuthenticatorService implements Authenticator {
  /** Failures older than this no longer count. */
  static final Duration WINDOW = Duration.ofMinutes(15);

  /**
   * {@code last_login} is written at most this often: a script sending HTTP Basic credentials logs
   * in on every request, and would otherwise write on every one.
   */
  static final Duration LAST_LOGIN_GRANULARITY = Duration.ofMinutes(1);

  /** The client address, parameter 2 of a query: an empty string stands for an unknown one. */
  private static final String ADDRESS_PARAMETER_2 = "CAST(NULLIF(?2, '') AS inet)";

  private static final Logger LOG = LoggerFactory.getLogger(AuthenticatorService.class);
  private static final Comparator<Ranked> ORDER =
      Comparator.comparingInt(Ranked::ranking).reversed().thenComparingLong(Ranked::serviceId);

  private final Transactions tx;
  private final Accounts accounts;
  private final Settings settings;
  private final Clock clock;

  private final KeyedLocks<AttemptKey> attempts = new KeyedLocks<>();

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
    return login(username, password, null);
  }

  @Override
  public User login(String username, char[] password, InetAddress clientAddress)
      throws LoginFailedException {
    // an empty password must never reach a provider: some LDAP servers treat it as an anonymous
    // bind, which succeeds
    if (username == null
        || username.isEmpty()
        || Characters.count(username) > Validation.USERNAME_MAX
        // no user has one, and PostgreSQL refuses NUL in text: a wrong login, not an outage
        || username.indexOf('\0') >= 0
        || password == null
        || password.length == 0) {
      throw invalid();
    }
    String address = clientAddress == null ? "" : clientAddress.getHostAddress();
    // Attempts for one username from one address take turns on this instance: each is judged
    // knowing whether the one before failed, so a guesser gains nothing by sending them in
    // parallel, and only confirmed failures are ever counted (a right password is never refused
    // because others were in flight). Instances do not wait for each other: with N instances a
    // guesser gets at most N guesses judged at once, N - 1 beyond the free failures in all.
    return attempts.holding(
        new AttemptKey(username.toLowerCase(Locale.ROOT), address),
        () -> judge(username, password, address));
  }

  private User judge(String username, char[] password, String address) throws LoginFailedException {
    Instant now = clock.instant();
    Throttle throttle;
    try {
      throttle = throttled(username, address, now);
    } catch (DatabaseUnavailableException e) {
      throw outage("Cannot count failed logins", e);
    } catch (RuntimeException e) {
      failed("Cannot count failed logins", e);
      throw new LoginFailedException(Reason.UNAVAILABLE, "authentication service unavailable");
    }
    Duration wait = throttle.delay();
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw new LoginFailedException(
          Reason.THROTTLED,
          "Too many failed logins for this user. Try again in "
              + seconds
              + (seconds == 1 ? " second." : " seconds."),
          Duration.ofSeconds(seconds));
    }
    Optional<Identity> identity = ask(username, password);
    if (identity.isEmpty()) {
      try {
        recordFailure(username, address, now);
        forgetExpired(now);
      } catch (DatabaseUnavailableException e) {
        throw outage("Cannot record a failed login", e);
      } catch (RuntimeException e) {
        // a failure that cannot be counted must not go unslowed: refuse as an outage
        failed("Cannot record a failed login", e);
        throw new LoginFailedException(Reason.UNAVAILABLE, "authentication service unavailable");
      }
      throw invalid();
    }
    return succeed(username, address, identity.get(), now, throttle.failedHere());
  }

  /**
   * The database is down: one line in the log (the exception's message names it and why), and a
   * refusal that tells the user so and when to retry.
   */
  private static LoginFailedException outage(String what, DatabaseUnavailableException e) {
    LOG.error("{}: {}", what, e.getMessage());
    return new LoginFailedException(
        Reason.UNAVAILABLE,
        DatabaseUnavailableException.DETAIL,
        DatabaseUnavailableException.RETRY_AFTER);
  }

  /** Keys whose lock is held or awaited, for tests: none once every attempt has ended. */
  int lockedKeys() {
    return attempts.size();
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
        // a directory that cannot be reached
        failed("Authentication provider " + ranked.name() + " failed", e);
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

  /**
   * A failure that is no database outage (a query the database refuses, a provider's own bug): one
   * line with the root cause, as the other failure lines; the stack trace only when debugging.
   */
  private static void failed(String what, RuntimeException e) {
    if (LOG.isDebugEnabled()) {
      LOG.error("{}: {}", what, rootCause(e), e);
    } else {
      LOG.error("{}: {}", what, rootCause(e));
    }
  }

  /** The innermost cause in one line: its class's simple name and message. */
  static String rootCause(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    String text =
        root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root.getClass().getSimpleName() + ": " + root.getMessage();
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * Writes only what changes: {@code last_login} when older than {@link #LAST_LOGIN_GRANULARITY},
   * and the forgiving of this address's failures when there were some.
   */
  private User succeed(
      String username, String address, Identity identity, Instant now, boolean failedHere)
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
    boolean stale =
        user.lastLogin() == null || user.lastLogin().isBefore(now.minus(LAST_LOGIN_GRANULARITY));
    if (stale || failedHere) {
      tx.required(
          em -> {
            if (stale) {
              em.createNativeQuery("UPDATE auth_user SET last_login = ?1 WHERE id = ?2")
                  .setParameter(1, Timestamp.from(now))
                  .setParameter(2, user.id())
                  .executeUpdate();
            }
            // the owner's own typing errors are forgiven; a guesser's elsewhere still count
            return failedHere
                ? em.createNativeQuery(
                        "DELETE FROM auth_login_failure WHERE username = lower(?1)"
                            + " AND client_address IS NOT DISTINCT FROM "
                            + ADDRESS_PARAMETER_2)
                    .setParameter(1, username)
                    .setParameter(2, address)
                    .executeUpdate()
                : 0;
          });
    }
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
        stale ? now : user.lastLogin());
  }

  /**
   * How long this attempt must wait: after the free failures, each further one doubles the wait
   * (from one second, up to the configured maximum) counted from the latest failure. Counted per
   * username and client address, so that a guesser elsewhere does not lock the owner out; and per
   * username from all addresses with a far higher allowance, so that a guesser with many addresses
   * is slowed down too.
   */
  private Throttle throttled(String username, String address, Instant now) {
    Object[] row =
        tx.readOnly(
            em ->
                (Object[])
                    em.createNativeQuery(
                            "SELECT count(*) FILTER (WHERE mine), max(failed_at) FILTER (WHERE mine),"
                                + " count(*), max(failed_at) FROM (SELECT failed_at,"
                                + " client_address IS NOT DISTINCT FROM "
                                + ADDRESS_PARAMETER_2
                                + " AS mine FROM auth_login_failure"
                                + " WHERE username = lower(?1) AND failed_at > ?3) f")
                        .setParameter(1, username)
                        .setParameter(2, address)
                        .setParameter(3, Timestamp.from(now.minus(WINDOW)))
                        .getSingleResult());
    Duration fromHere = wait(row[0], row[1], settings.throttleFreeFailures(), now);
    Duration fromAll = wait(row[2], row[3], settings.throttleUserFailures(), now);
    return new Throttle(
        fromHere.compareTo(fromAll) >= 0 ? fromHere : fromAll, ((Number) row[0]).longValue() > 0);
  }

  /** How long an attempt must wait, and whether its address has failures counted. */
  private record Throttle(Duration delay, boolean failedHere) {}

  private Duration wait(Object count, Object latest, int free, Instant now) {
    long failures = ((Number) count).longValue();
    if (failures < free || latest == null) {
      return Duration.ZERO;
    }
    long excess = failures - free;
    Duration delay =
        excess >= 30
            ? settings.throttleMaxDelay()
            : min(Duration.ofSeconds(1L << excess), settings.throttleMaxDelay());
    Duration left = Duration.between(now, ((Timestamp) latest).toInstant().plus(delay));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Committed at once so that other instances count it. Usernames are lower-cased by the database,
   * as in auth_user's unique index.
   */
  private void recordFailure(String username, String address, Instant now) {
    tx.required(
        em ->
            em.createNativeQuery(
                    "INSERT INTO auth_login_failure (username, client_address, failed_at)"
                        + " VALUES (lower(?1), "
                        + ADDRESS_PARAMETER_2
                        + ", ?3)")
                .setParameter(1, username)
                .setParameter(2, address)
                .setParameter(3, Timestamp.from(now))
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

  /** Whose attempts take turns: a lower-cased username and a client address ("" if unknown). */
  private record AttemptKey(String username, String address) {}

  private record Ranked(AuthenticationProvider provider, int ranking, long serviceId) {
    String name() {
      return provider.name();
    }
  }
}
