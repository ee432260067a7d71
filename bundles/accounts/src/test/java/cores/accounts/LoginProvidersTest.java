package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.api.auth.LoginFailedException;
import cores.api.auth.LoginFailedException.Reason;
import cores.api.persistence.ConnectionWork;
import cores.api.persistence.DatabaseUnavailableException;
import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A login asks the providers by their ranking until one knows the user, and what a provider's
 * answer or outage makes of it: an outage is no wrong password, the identity a provider vouches for
 * is provisioned, an inactive user stays out.
 */
class LoginProvidersTest extends LoginFixture {
  @Test
  void triesProvidersByRankingAndTheFirstSuccessWins() throws Exception {
    FakeProvider low = FakeProvider.accepting("low", "ordered");
    FakeProvider high = FakeProvider.refusing("high");
    FakeProvider top = FakeProvider.accepting("top", "ordered");
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, low, 10);
    add(authenticator, high, 500);
    assertEquals(List.of("high", "low"), authenticator.providers());

    User user = authenticator.login("ordered", "pw".toCharArray());
    assertEquals("ordered", user.username());
    assertEquals(List.of("high", "low"), callsInOrder(high, low));

    add(authenticator, top, 900);
    authenticator.login("ordered", "pw".toCharArray());
    assertEquals(1, top.calls.size());
    assertEquals(1, high.calls.size(), "no provider after the first success is asked");

    authenticator.removeProvider(top);
    assertEquals(List.of("high", "low"), authenticator.providers());
  }

  @Test
  void unavailableIsNotInvalid() throws Exception {
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, FakeProvider.refusing("local"), 1000);
    add(authenticator, FakeProvider.down("ldap"), 100);
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> authenticator.login("someone", "pw".toCharArray()));
    assertEquals(Reason.UNAVAILABLE, e.reason());
    assertEquals("authentication service unavailable", e.getMessage());
    assertEquals(0, failures("someone"), "an outage is not the user's failure");

    // a provider that still works logs its users in while another is down
    add(authenticator, FakeProvider.accepting("kerberos", "someone"), 50);
    assertEquals("someone", authenticator.login("someone", "pw".toCharArray()).username());

    AuthenticatorService allRefuse = authenticator(tx);
    add(allRefuse, FakeProvider.refusing("local"), 1000);
    e = assertThrows(LoginFailedException.class, () -> allRefuse.login("x", "pw".toCharArray()));
    assertEquals(Reason.INVALID_CREDENTIALS, e.reason());
  }

  /**
   * A provider that throws (a directory library's own failure) is one line naming it and the root
   * cause; its stack trace only when debugging.
   */
  @Test
  void aProviderThatThrowsIsOneLineWithTheRootCause() throws Exception {
    AuthenticatorService authenticator = authenticator(tx);
    add(
        authenticator,
        new FakeProvider(
            "ldap",
            (u, p) -> {
              throw new IllegalStateException(
                  "search failed",
                  new UncheckedIOException(
                      new ConnectException("Connection refused: ldap.example/10.0.0.9")));
            }),
        100);
    assertOneLine(
        authenticator,
        "Authentication provider ldap failed",
        "ConnectException: Connection refused: ldap.example/10.0.0.9");
  }

  /**
   * A failed login that cannot be counted or recorded for another reason than an outage (the
   * database refuses the query) is one line with the root cause too, without the stack trace.
   */
  @Test
  void failedLoginsThatCannotBeCountedOrRecordedAreOneLineEach() {
    RuntimeException refused =
        new IllegalStateException(
            "query failed", new SQLException("permission denied for table auth_login_failure"));
    AuthenticatorService cannotCount =
        new AuthenticatorService(failing(refused, true), accounts, settings, clock);
    add(cannotCount, FakeProvider.refusing("local"), 100);
    AuthenticatorService cannotRecord =
        new AuthenticatorService(failing(refused, false), accounts, settings, clock);
    add(cannotRecord, FakeProvider.refusing("local"), 100);
    String cause = "SQLException: permission denied for table auth_login_failure";
    assertOneLine(cannotCount, "Cannot count failed logins", cause);
    assertOneLine(cannotRecord, "Cannot record a failed login", cause);
  }

  /**
   * A login that fails as unavailable and logs {@code what: cause} in one line, without a stack
   * trace (slf4j-simple writes to the System.err of the moment, at its default level, info).
   */
  private static void assertOneLine(AuthenticatorService authenticator, String what, String cause) {
    PrintStream previous = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    LoginFailedException e;
    try {
      e =
          assertThrows(
              LoginFailedException.class, () -> authenticator.login("someone", "pw".toCharArray()));
    } finally {
      System.setErr(previous);
    }
    assertEquals(Reason.UNAVAILABLE, e.reason());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(
        List.of(what + ": " + cause),
        lines.stream()
            .filter(l -> l.contains(what))
            .map(l -> l.substring(l.indexOf(what)))
            .toList(),
        String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("\tat ")), String.join("\n", lines));
  }

  /** The test database, but {@code refused} for every read ({@code reads}) or every write. */
  private Transactions failing(RuntimeException refused, boolean reads) {
    return new Transactions() {
      @Override
      public <T> T required(Work<T> work) {
        throw refused;
      }

      @Override
      public <T> T readOnly(Work<T> work) {
        if (reads) {
          throw refused;
        }
        return tx.readOnly(work);
      }

      @Override
      public <T> T autocommit(ConnectionWork<T> work) {
        throw refused;
      }
    };
  }

  @Test
  void aDatabaseOutageIsUnavailable() throws Exception {
    FakeProvider provider = FakeProvider.accepting("ldap", "someone");
    AuthenticatorService authenticator = authenticator(AccountsDatabase.unreachable());
    add(authenticator, provider, 100);
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> authenticator.login("someone", "pw".toCharArray()));
    assertEquals(Reason.UNAVAILABLE, e.reason());
    assertEquals(List.of(), provider.calls);
  }

  /**
   * The persistence bundle's word for an outage (one line naming the database): the user is told
   * that the database is down and when to retry, rather than that authentication is.
   */
  @Test
  void anUnreachableDatabaseIsSaidWithWhenToRetry() {
    Transactions down =
        new Transactions() {
          @Override
          public <T> T required(Work<T> work) {
            throw new DatabaseUnavailableException(
                "the database at db.example:5432 cannot be reached (Connection refused)");
          }

          @Override
          public <T> T readOnly(Work<T> work) {
            return required(work);
          }

          @Override
          public <T> T autocommit(ConnectionWork<T> work) {
            return required(em -> null);
          }
        };
    FakeProvider provider = FakeProvider.accepting("ldap", "someone");
    AuthenticatorService authenticator = new AuthenticatorService(down, accounts, settings, clock);
    add(authenticator, provider, 100);
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> authenticator.login("someone", "pw".toCharArray()));
    assertEquals(Reason.UNAVAILABLE, e.reason());
    assertEquals(DatabaseUnavailableException.DETAIL, e.getMessage());
    assertEquals(Optional.of(DatabaseUnavailableException.RETRY_AFTER), e.retryAfter());
    assertEquals(List.of(), provider.calls);
  }

  @Test
  void emptyPasswordNeverReachesAProvider() {
    FakeProvider provider = FakeProvider.accepting("ldap", "anon");
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, provider, 100);
    for (char[] password : new char[][] {new char[0], null}) {
      LoginFailedException e =
          assertThrows(LoginFailedException.class, () -> authenticator.login("anon", password));
      assertEquals(Reason.INVALID_CREDENTIALS, e.reason());
    }
    assertThrows(LoginFailedException.class, () -> authenticator.login("", "pw".toCharArray()));
    assertEquals(List.of(), provider.calls);
  }

  @Test
  void provisionsTheIdentityAndSetsLastLogin() throws Exception {
    AuthenticatorService authenticator = authenticator(tx);
    add(
        authenticator,
        FakeProvider.with(
            "ldap",
            new Identity("ldap", "Mary", "Mary", "Major", "m@example.com", null, null, null)),
        100);
    User user = authenticator.login("mary", "pw".toCharArray());
    assertEquals("Mary", user.username());
    assertEquals("m@example.com", user.email());
    assertEquals(clock.instant(), user.lastLogin());
    assertEquals(clock.instant(), accounts.find(user.id()).orElseThrow().lastLogin());
  }

  @Test
  void anUnstorableIdentityIsAProviderFault() {
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, FakeProvider.accepting("ldap", "y".repeat(200)), 100);
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> authenticator.login("short", "pw".toCharArray()));
    assertEquals(Reason.UNAVAILABLE, e.reason());
  }

  @Test
  void refusesInactiveUsers() throws Exception {
    User user = accounts.provision(Identity.of("ldap", "sleeper"));
    db.execute("UPDATE auth_user SET is_active = false WHERE id = " + user.id());
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, FakeProvider.accepting("ldap", "sleeper"), 100);
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> authenticator.login("sleeper", "pw".toCharArray()));
    assertEquals(Reason.INACTIVE, e.reason());
  }

  private static List<String> callsInOrder(FakeProvider... providers) {
    List<long[]> stamped = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (FakeProvider p : providers) {
      for (Long at : p.calls) {
        stamped.add(new long[] {at, names.size()});
        names.add(p.name());
      }
    }
    stamped.sort((x, y) -> Long.compare(x[0], y[0]));
    return stamped.stream().map(s -> names.get((int) s[1])).toList();
  }
}
