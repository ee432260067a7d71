package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.auth.Identity;
import cores.api.auth.LoginFailedException;
import cores.api.auth.LoginFailedException.Reason;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Failed logins slow down the next attempts at the username: on every instance sharing the
 * database, for parallel guesses too, counted per client address so that a guesser elsewhere never
 * locks the owner out, with a ceiling per username for a guesser of many addresses; only failures
 * count.
 */
class LoginThrottleTest extends LoginFixture {
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

  /** Waiting for a lock or the provider's gate, or finished. */
  private static boolean parkedOrDone(Thread.State state) {
    return state == Thread.State.WAITING
        || state == Thread.State.TIMED_WAITING
        || state == Thread.State.TERMINATED;
  }
}
