package cores.accounts;

import cores.api.persistence.Signals;
import cores.api.persistence.Transactions;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Builds the package's services for tests in other packages, with a fast password hash. */
public final class TestAccess {
  private TestAccess() {}

  public static PasswordHasher fastHasher() {
    return new PasswordHasher(new SecureRandom(), 1000);
  }

  /**
   * The permissions that exist in these tests, as the platform's admin models give them: the
   * accounts' own, and the other bundles' ones the tests grant.
   */
  public static Set<String> knownPermissions() {
    return Set.of(
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_token",
        "auth.add_token",
        "auth.delete_token",
        "auth.view_impersonation",
        "booking.add_booking",
        "booking.add_reservation",
        "inventory.view_host",
        "inventory.delete_host",
        "live.change_scanconflict");
  }

  public static AccountsService accounts(Transactions tx) {
    return new AccountsService(tx, fastHasher(), Clock.systemUTC(), new PasswordRules());
  }

  public static ProfileService profiles(Transactions tx) {
    return new ProfileService(
        tx,
        fastHasher(),
        new Settings(Duration.ofHours(1), 5, Duration.ofSeconds(900)),
        Clock.systemUTC(),
        new PasswordRules());
  }

  public static LocalAuthenticationProvider local(Transactions tx) {
    return new LocalAuthenticationProvider(tx, fastHasher());
  }

  public static SessionService sessions(TestDatabase.Tx tx) {
    return sessions(tx, tx.signals());
  }

  public static SessionService sessions(Transactions tx, Signals signals) {
    return new SessionService(
        tx,
        signals,
        new Settings(Duration.ofHours(1), 5, Duration.ofSeconds(900)),
        Clock.systemUTC(),
        new SecureRandom());
  }

  public static TokenService tokens(TestDatabase.Tx tx) {
    return tokens(tx, tx.signals());
  }

  public static TokenService tokens(Transactions tx, Signals signals) {
    return new TokenService(tx, signals, Clock.systemUTC(), new SecureRandom());
  }
}
