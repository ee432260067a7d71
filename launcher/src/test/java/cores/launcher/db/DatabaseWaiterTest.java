package cores.launcher.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.launcher.LaunchException;
import cores.launcher.env.Database;
import cores.testing.postgres.TestPostgres;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DatabaseWaiterTest {

  /** A database and user on the test PostgreSQL (trust auth: no password). */
  private static Database testServer(String name, String user) {
    TestPostgres.Address server = TestPostgres.address();
    return new Database(server.host(), server.port(), name, Optional.of(user), Optional.empty());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void backsOffExponentiallyThenGivesUpWithOneClearLine() throws Exception {
    int port = closedPort();
    List<Duration> sleeps = new ArrayList<>();
    Database db = new Database("127.0.0.1", port, "cores", Optional.empty(), Optional.empty());
    DatabaseWaiter waiter =
        new DatabaseWaiter(
            d -> {
              sleeps.add(d);
              Thread.sleep(d.toMillis());
            },
            () -> false);
    LaunchException e =
        assertThrows(LaunchException.class, () -> waiter.await(db, Duration.ofSeconds(2)));
    assertEquals(3, e.exitCode());
    assertEquals(
        "POSTGRES_HOST: cannot connect to 127.0.0.1:" + port + " after 2 s (connection refused)",
        e.getMessage());
    assertEquals(Duration.ofMillis(250), sleeps.get(0));
    assertEquals(Duration.ofMillis(500), sleeps.get(1));
    assertTrue(sleeps.size() >= 3, sleeps.toString());
  }

  @Test
  void reachableDatabase() throws Exception {
    Database db = testServer("postgres", "postgres");
    new DatabaseWaiter(
            d -> {
              throw new AssertionError("no wait needed");
            },
            () -> false)
        .await(db, Duration.ofSeconds(5));
  }

  @Test
  void aMissingDatabaseFailsAtOnce() {
    Database db = testServer("no_such_db_for_cores", "postgres");
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                new DatabaseWaiter(
                        d -> {
                          throw new AssertionError("not retried");
                        },
                        () -> false)
                    .await(db, Duration.ofSeconds(5)));
    assertEquals(
        "POSTGRES_DB: database \"no_such_db_for_cores\" does not exist on "
            + TestPostgres.address(),
        e.getMessage());
    assertEquals(LaunchException.BAD_CONFIGURATION, e.exitCode(), "a wrong setting, not an outage");
    assertTrue(e.hint().orElseThrow().startsWith("create it"), e.hint().toString());
  }

  @Test
  void aRefusedRoleFailsAtOnceAsAWrongSetting() {
    Database db = testServer("postgres", "no_such_role_for_cores");
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () ->
                new DatabaseWaiter(
                        d -> {
                          throw new AssertionError("not retried");
                        },
                        () -> false)
                    .await(db, Duration.ofSeconds(5)));
    assertEquals(
        "POSTGRES_USER: " + TestPostgres.address() + " refused user \"no_such_role_for_cores\"",
        e.getMessage());
    assertEquals(LaunchException.BAD_CONFIGURATION, e.exitCode(), "a wrong setting, not an outage");
    assertTrue(e.hint().isPresent());
  }

  @Test
  void unknownHost() throws Exception {
    Database db =
        new Database("no-such-host.invalid", 5432, "cores", Optional.empty(), Optional.empty());
    LaunchException e =
        assertThrows(
            LaunchException.class,
            () -> new DatabaseWaiter(d -> {}, () -> false).await(db, Duration.ofMillis(1)));
    assertEquals(
        "POSTGRES_HOST: cannot connect to no-such-host.invalid:5432 after 0 s (unknown host)",
        e.getMessage());
  }

  @Test
  void aStopRequestEndsTheWaitEvenWhenTheInterruptWasLost() throws Exception {
    Database db =
        new Database("127.0.0.1", closedPort(), "cores", Optional.empty(), Optional.empty());
    AtomicBoolean stop = new AtomicBoolean();
    List<Duration> sleeps = new ArrayList<>();
    DatabaseWaiter waiter =
        new DatabaseWaiter(
            d -> {
              sleeps.add(d);
              stop.set(true); // the signal arrives; its interrupt never reaches this thread
            },
            stop::get);
    LaunchException e =
        assertThrows(LaunchException.class, () -> waiter.await(db, Duration.ofSeconds(60)));
    assertEquals("stopped while waiting for the database", e.getMessage());
    assertEquals(1, sleeps.size());
  }
}
