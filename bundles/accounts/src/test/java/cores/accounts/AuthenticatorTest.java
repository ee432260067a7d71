package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import cores.api.auth.LoginFailedException;
import cores.api.auth.LoginFailedException.Reason;
import cores.testing.TestDatabase;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final AtomicLong serviceIds = new AtomicLong();
  private final Settings settings = new Settings(Duration.ofMinutes(30), 2, Duration.ofSeconds(4));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private TestDatabase.Tx otherTx;
  private AccountsService accounts;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    otherTx = db.transactions();
    accounts = new AccountsService(tx, new PasswordHasher(new SecureRandom(), 1000), clock);
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    otherTx.close();
    db.close();
  }

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
    execute("UPDATE auth_user SET is_active = false WHERE id = " + user.id());
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, FakeProvider.accepting("ldap", "sleeper"), 100);
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> authenticator.login("sleeper", "pw".toCharArray()));
    assertEquals(Reason.INACTIVE, e.reason());
  }

  @Test
  void throttlesAcrossInstancesSharingTheDatabase() throws Exception {
    FakeProvider a = FakeProvider.checking("local", "Victim", "right");
    FakeProvider b = FakeProvider.checking("local", "Victim", "right");
    AuthenticatorService first = authenticator(tx);
    AuthenticatorService second = authenticator(otherTx);
    add(first, a, 1000);
    add(second, b, 1000);

    assertReason(Reason.INVALID_CREDENTIALS, first, "victim", "wrong");
    assertReason(Reason.INVALID_CREDENTIALS, second, "VICTIM", "wrong");
    // two free failures used up (on two instances, in two spellings): wait 1 s
    int asked = a.calls.size() + b.calls.size();
    assertReason(Reason.THROTTLED, first, "Victim", "right");
    assertReason(Reason.THROTTLED, second, "victim", "right");
    assertEquals(asked, a.calls.size() + b.calls.size(), "throttled attempts ask no provider");

    clock.advance(Duration.ofSeconds(1));
    assertReason(Reason.INVALID_CREDENTIALS, second, "victim", "wrong");
    clock.advance(Duration.ofSeconds(1));
    assertReason(Reason.THROTTLED, first, "victim", "right"); // now 2 s
    clock.advance(Duration.ofSeconds(1));
    assertReason(Reason.INVALID_CREDENTIALS, first, "victim", "wrong");
    clock.advance(Duration.ofSeconds(3));
    assertReason(Reason.THROTTLED, second, "victim", "right"); // now 4 s: the cap
    clock.advance(Duration.ofSeconds(1));
    assertReason(Reason.INVALID_CREDENTIALS, second, "victim", "wrong");
    clock.advance(Duration.ofSeconds(4));
    assertReason(Reason.INVALID_CREDENTIALS, second, "victim", "wrong");
    clock.advance(Duration.ofSeconds(3));
    assertReason(Reason.THROTTLED, first, "victim", "right"); // still capped at 4 s
    clock.advance(Duration.ofSeconds(1));

    // a success clears the failures
    assertEquals("Victim", first.login("victim", "right".toCharArray()).username());
    assertEquals(0, failures("victim"));
    assertReason(Reason.INVALID_CREDENTIALS, second, "victim", "wrong");
    assertReason(Reason.INVALID_CREDENTIALS, second, "victim", "wrong");
    assertReason(Reason.THROTTLED, second, "victim", "right");

    // failures older than the window no longer count
    clock.advance(AuthenticatorService.WINDOW.plusSeconds(1));
    assertEquals("Victim", second.login("victim", "right".toCharArray()).username());
  }

  @Test
  void parallelGuessesAreThrottledToo() throws Exception {
    FakeProvider provider = FakeProvider.checking("local", "burst", "right");
    List<AuthenticatorService> instances = List.of(authenticator(tx), authenticator(otherTx));
    instances.forEach(a -> add(a, provider, 1000));
    int attempts = 12;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reason>> results = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        AuthenticatorService instance = instances.get(i % 2);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    instance.login("burst", "wrong".toCharArray());
                    return null;
                  } catch (LoginFailedException e) {
                    return e.reason();
                  }
                }));
      }
      start.countDown();
      List<Reason> reasons = new ArrayList<>();
      for (Future<Reason> result : results) {
        reasons.add(result.get(30, TimeUnit.SECONDS));
      }
      long guesses = reasons.stream().filter(r -> r == Reason.INVALID_CREDENTIALS).count();
      assertEquals(attempts, guesses + reasons.stream().filter(r -> r == Reason.THROTTLED).count());
      // at the same instant, only the free failures may reach a provider, and one more for each
      // further instance (instances do not wait for each other's attempts in flight)
      assertTrue(
          guesses <= settings.throttleFreeFailures() + instances.size() - 1, reasons.toString());
      assertEquals(guesses, provider.calls.size());
      assertEquals(guesses, failures("burst"), "refused attempts are not stored as failures");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void throttleCountsFailuresOnlyRightPasswordsSentTogetherAreAllLoggedIn() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    FakeProvider provider =
        new FakeProvider(
            "local",
            (u, p) -> {
              // every attempt that reaches the provider waits until the test has let all start
              try {
                gate.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "right".equals(new String(p))
                  ? Optional.of(Identity.of("local", "importer"))
                  : Optional.empty();
            });
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, provider, 1000);
    int attempts = 8; // an import script's thread pool, more than the free failures
    InetAddress script = InetAddress.getByName("192.0.2.10");
    List<Object> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      threads.add(
          new Thread(
              () -> {
                try {
                  outcomes.add(
                      authenticator.login("importer", "right".toCharArray(), script).username());
                } catch (LoginFailedException e) {
                  outcomes.add(e.reason());
                }
              }));
    }
    threads.forEach(Thread::start);
    // let every attempt get as far as it can while the first ones are with the provider; the
    // deadline only guards against a hang
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline
        && !threads.stream().allMatch(t -> parkedOrDone(t.getState()))) {
      Thread.sleep(10);
    }
    gate.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertEquals(java.util.Collections.nCopies(attempts, "importer"), outcomes);
    assertEquals(0, failures("importer"));
    assertEquals(0, authenticator.lockedKeys(), "no lock outlives its attempts");
  }

  @Test
  void throttlePerAddressWrongGuessesElsewhereNeverLockTheOwnerOut() throws Exception {
    FakeProvider provider = FakeProvider.checking("local", "owner", "right");
    AuthenticatorService authenticator = authenticator(tx);
    add(authenticator, provider, 1000);
    InetAddress guesser = InetAddress.getByName("203.0.113.9");
    InetAddress owner = InetAddress.getByName("2001:db8::7");

    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "owner", "wrong", guesser);
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "owner", "wrong", guesser);
    // a trickle: each guess as soon as the throttle allows, the owner logging in meanwhile
    for (int round = 0; round < 4; round++) {
      LoginFailedException refused =
          assertReason(Reason.THROTTLED, authenticator, "owner", "right", guesser);
      Duration wait = Duration.ofSeconds(Math.min(1L << round, 4)); // doubling, capped at 4 s
      assertEquals(Optional.of(wait), refused.retryAfter(), "the real wait, round " + round);
      assertTrue(
          refused.getMessage().contains("in " + wait.toSeconds() + " second"),
          refused.getMessage());
      assertEquals("owner", authenticator.login("owner", "right".toCharArray(), owner).username());
      clock.advance(wait.minusMillis(300));
      assertEquals(
          Optional.of(Duration.ofSeconds(1)),
          assertReason(Reason.THROTTLED, authenticator, "owner", "wrong", guesser).retryAfter(),
          "a part of a second left is a second");
      clock.advance(Duration.ofMillis(300));
      assertReason(Reason.INVALID_CREDENTIALS, authenticator, "owner", "wrong", guesser);
    }
    // the owner's success does not forgive the guesser's failures
    assertEquals(6, failures("owner"));
    assertReason(Reason.THROTTLED, authenticator, "owner", "right", guesser);
    // a login whose address is unknown counts as from one more address
    assertEquals("owner", authenticator.login("owner", "right".toCharArray()).username());
  }

  @Test
  void throttlePerUsernameCeilingSlowsAGuesserWithManyAddresses() throws Exception {
    AuthenticatorService authenticator =
        new AuthenticatorService(
            tx, accounts, new Settings(Duration.ofMinutes(30), 2, Duration.ofSeconds(4), 6), clock);
    add(authenticator, FakeProvider.checking("local", "wanted", "right"), 1000);
    for (int i = 1; i <= 6; i++) {
      assertReason(
          Reason.INVALID_CREDENTIALS,
          authenticator,
          "wanted",
          "wrong",
          InetAddress.getByName("198.51.100." + i));
    }
    LoginFailedException refused =
        assertReason(
            Reason.THROTTLED,
            authenticator,
            "wanted",
            "right",
            InetAddress.getByName("198.51.100.200"));
    assertEquals(Optional.of(Duration.ofSeconds(1)), refused.retryAfter());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(
        "wanted",
        authenticator
            .login("wanted", "right".toCharArray(), InetAddress.getByName("198.51.100.200"))
            .username());
  }

  @Test
  void localProviderChecksHashesAndUpgradesOldOnes() throws Exception {
    PasswordHasher strong = new PasswordHasher(new SecureRandom());
    LocalAuthenticationProvider local = new LocalAuthenticationProvider(tx, strong);
    AuthenticatorService authenticator = authenticator(tx);
    authenticator.addProvider(
        local, Map.of("service.ranking", 1000, "service.id", serviceIds.incrementAndGet()));
    add(authenticator, FakeProvider.refusing("ldap"), 100);
    assertEquals(List.of("local", "ldap"), authenticator.providers());

    User admin = accounts.createSuperuser("Root", "root@example.com", "old-password".toCharArray());
    assertEquals(admin.id(), authenticator.login("root", "old-password".toCharArray()).id());
    assertEquals(Optional.empty(), local.authenticate("root", "wrong-password".toCharArray()));
    assertEquals(Optional.empty(), local.authenticate("nobody", "old-password".toCharArray()));
    assertEquals(Optional.empty(), local.authenticate("root", new char[0]));

    String stored = password(admin.id());
    assertTrue(stored.startsWith("pbkdf2_sha256$600000$"), "rehashed on login: " + stored);
    assertEquals(
        Identity.of("local", "Root"),
        local.authenticate("ROOT", "old-password".toCharArray()).get());

    // external users have no usable local password
    accounts.provision(Identity.of("ldap", "external"));
    assertEquals(
        Optional.empty(), local.authenticate("external", password("external").toCharArray()));
  }

  @Test
  void aNulInTheUsernameIsAWrongLoginNotAnOutage() throws Exception {
    AuthenticatorService authenticator = authenticator(tx);
    authenticator.addProvider(
        new LocalAuthenticationProvider(tx, new PasswordHasher(new SecureRandom())),
        Map.of("service.ranking", 1000, "service.id", serviceIds.incrementAndGet()));
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "ro\u0000ot", "any-password");
    assertReason(Reason.INVALID_CREDENTIALS, authenticator, "\u0000", "any-password");
  }

  @Test
  void unknownUsersCostAboutAsMuchAsWrongPasswords() throws Exception {
    PasswordHasher strong = new PasswordHasher(new SecureRandom());
    LocalAuthenticationProvider local = new LocalAuthenticationProvider(tx, strong);
    User user = accounts.provision(Identity.of("ldap", "timed"));
    execute(
        "UPDATE auth_user SET password = '"
            + strong.hash("the-password".toCharArray())
            + "' WHERE id = "
            + user.id());
    long known = Long.MAX_VALUE;
    long unknown = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      local.authenticate("timed", "wrong-password".toCharArray());
      known = Math.min(known, System.nanoTime() - start);
      start = System.nanoTime();
      local.authenticate("no-such-user", "wrong-password".toCharArray());
      unknown = Math.min(unknown, System.nanoTime() - start);
    }
    // a fast path for unknown users would be two orders of magnitude quicker than a PBKDF2 check
    assertTrue(unknown > known / 3, "known " + known + " ns, unknown " + unknown + " ns");
  }

  private AuthenticatorService authenticator(TestDatabase.Tx transactions) {
    return new AuthenticatorService(
        transactions,
        new AccountsService(transactions, new PasswordHasher(new SecureRandom(), 1000), clock),
        settings,
        clock);
  }

  private void add(
      AuthenticatorService authenticator, AuthenticationProvider provider, int ranking) {
    authenticator.addProvider(
        provider, Map.of("service.ranking", ranking, "service.id", serviceIds.incrementAndGet()));
  }

  private static void assertReason(
      Reason expected, AuthenticatorService authenticator, String username, String password) {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> authenticator.login(username, password.toCharArray()));
    assertEquals(expected, e.reason(), e.getMessage());
  }

  private static LoginFailedException assertReason(
      Reason expected,
      AuthenticatorService authenticator,
      String username,
      String password,
      InetAddress client) {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> authenticator.login(username, password.toCharArray(), client));
    assertEquals(expected, e.reason(), e.getMessage());
    return e;
  }

  /** Waiting for a lock or the provider's gate, or finished. */
  private static boolean parkedOrDone(Thread.State state) {
    return state == Thread.State.WAITING
        || state == Thread.State.TIMED_WAITING
        || state == Thread.State.TERMINATED;
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

  private long failures(String username) throws SQLException {
    return Long.parseLong(
        query("SELECT count(*) FROM auth_login_failure WHERE username = '" + username + "'"));
  }

  private String password(long id) throws SQLException {
    return query("SELECT password FROM auth_user WHERE id = " + id);
  }

  private String password(String username) throws SQLException {
    return query("SELECT password FROM auth_user WHERE username = '" + username + "'");
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private String query(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      assertTrue(r.next(), sql);
      String value = r.getString(1);
      assertNotNull(value, sql);
      return value;
    }
  }

  /** A provider of our own SPI whose answers the test decides; it records when it was asked. */
  private static final class FakeProvider implements AuthenticationProvider {
    private static final AtomicLong TICKS = new AtomicLong();

    interface Answer {
      Optional<Identity> answer(String username, char[] password)
          throws AuthenticationUnavailableException;
    }

    final List<Long> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String name;
    private final Answer answer;

    private FakeProvider(String name, Answer answer) {
      this.name = name;
      this.answer = answer;
    }

    static FakeProvider accepting(String name, String username) {
      return with(name, Identity.of(name, username));
    }

    static FakeProvider with(String name, Identity identity) {
      return new FakeProvider(name, (u, p) -> Optional.of(identity));
    }

    static FakeProvider refusing(String name) {
      return new FakeProvider(name, (u, p) -> Optional.empty());
    }

    static FakeProvider down(String name) {
      return new FakeProvider(
          name,
          (u, p) -> {
            throw new AuthenticationUnavailableException("connection refused");
          });
    }

    static FakeProvider checking(String name, String username, String password) {
      return new FakeProvider(
          name,
          (u, p) ->
              u.equalsIgnoreCase(username) && password.equals(new String(p))
                  ? Optional.of(Identity.of(name, username))
                  : Optional.empty());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<Identity> authenticate(String username, char[] password)
        throws AuthenticationUnavailableException {
      calls.add(TICKS.incrementAndGet());
      return answer.answer(username, password);
    }
  }
}
