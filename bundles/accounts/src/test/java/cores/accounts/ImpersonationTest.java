package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.api.accounts.Sessions;
import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Impersonation against the real PostgreSQL: who may, what sessions resolve to, the audit rows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpersonationTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private SessionService sessions;
  private ImpersonationService impersonation;
  private User staff;
  private User root;
  private User plain;
  private User other;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts =
        new AccountsService(
            tx, new PasswordHasher(new SecureRandom(), 1000), clock, new PasswordRules());
    sessions =
        new SessionService(
            tx,
            tx.signals(),
            new Settings(Duration.ofMinutes(30), 5, Duration.ofSeconds(900)),
            clock,
            new SecureRandom());
    impersonation = new ImpersonationService(tx);
    staff = accounts.provision(user("staffer", true, false));
    root = accounts.provision(user("root", true, true));
    plain = accounts.provision(user("plain", false, false));
    other = accounts.provision(user("other", false, false));
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  private static Identity user(String name, boolean staff, boolean superuser) {
    return new Identity("ldap", name, null, null, null, null, staff, superuser);
  }

  @Test
  void staffActAsTheTargetUntilTheyStop() throws SQLException {
    String key = sessions.open(staff.id());
    assertEquals(plain.id(), impersonation.start(key, plain.id()).id());
    assertEquals("plain", sessions.resolve(key).orElseThrow().username());
    assertEquals("staffer", impersonation.impersonator(key).orElseThrow().username());
    assertThrows(SecurityException.class, () -> impersonation.start(key, other.id()), "no nesting");

    assertEquals("staffer", impersonation.stop(key).orElseThrow().username());
    assertEquals("staffer", sessions.resolve(key).orElseThrow().username());
    assertEquals(Optional.empty(), impersonation.impersonator(key));
    assertEquals(Optional.empty(), impersonation.stop(key), "nothing to stop");
    assertEquals(List.of("start staffer plain", "stop staffer plain"), log("staffer"));
  }

  /** The session's read says whether it impersonates: a page need not look the impersonator up. */
  @Test
  void aSessionSaysWhetherItImpersonates() {
    User watcher = accounts.provision(user("watcher", true, false));
    String key = sessions.open(watcher.id());
    assertEquals(List.of(watcher.id(), false), acting(key));
    impersonation.start(key, other.id());
    assertEquals(List.of(other.id(), true), acting(key));
    // the expiry slides (the path that writes): the same answer
    clock.advance(Duration.ofMinutes(5));
    assertEquals(List.of(other.id(), true), acting(key));
    impersonation.stop(key);
    assertEquals(List.of(watcher.id(), false), acting(key));
    clock.advance(Duration.ofMinutes(5));
    assertEquals(List.of(watcher.id(), false), acting(key));
  }

  /** The id of the user a session acts as, and whether it impersonates. */
  private List<Object> acting(String key) {
    Sessions.Session session = sessions.session(key).orElseThrow();
    return List.of(session.user().id(), session.impersonating());
  }

  @Test
  void onlyStaffAndSuperusersOnlyBySuperusers() {
    String plainSession = sessions.open(plain.id());
    assertThrows(SecurityException.class, () -> impersonation.start(plainSession, other.id()));
    String staffSession = sessions.open(staff.id());
    assertThrows(SecurityException.class, () -> impersonation.start(staffSession, root.id()));
    assertThrows(
        IllegalArgumentException.class, () -> impersonation.start(staffSession, staff.id()));
    assertThrows(IllegalArgumentException.class, () -> impersonation.start(staffSession, -1));
    assertThrows(IllegalArgumentException.class, () -> impersonation.start("nope", other.id()));
    String rootSession = sessions.open(root.id());
    assertEquals("staffer", impersonation.start(rootSession, staff.id()).username());
    assertEquals("staffer", sessions.resolve(rootSession).orElseThrow().username());
  }

  @Test
  void staffImpersonateOnlyUsersWhoseRightsTheyHold() throws SQLException {
    User keeper = accounts.provision(user("keeper", false, false));
    db.execute(
        "INSERT INTO auth_user_permissions (user_id, permission) VALUES ("
            + keeper.id()
            + ", 'auth.change_user')");
    String staffSession = sessions.open(staff.id());
    SecurityException refused =
        assertThrows(SecurityException.class, () -> impersonation.start(staffSession, keeper.id()));
    assertEquals(
        "You may not impersonate a user who holds permissions you do not: auth.change_user.",
        refused.getMessage());
    assertEquals("staffer", sessions.resolve(staffSession).orElseThrow().username());
    String rootSession = sessions.open(root.id());
    assertEquals("keeper", impersonation.start(rootSession, keeper.id()).username());
  }

  @Test
  void losingStaffEndsTheImpersonation() throws SQLException {
    User temp = accounts.provision(user("temp-staff", true, false));
    String key = sessions.open(temp.id());
    impersonation.start(key, other.id());
    accounts.provision(user("temp-staff", false, false));
    assertEquals("temp-staff", sessions.resolve(key).orElseThrow().username());
    assertEquals(List.of("start temp-staff other", "stop temp-staff other"), log("temp-staff"));
  }

  private List<String> log(String realUsername) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT action, real_username, target_username FROM auth_impersonation_log"
                    + " WHERE real_username = '"
                    + realUsername
                    + "' ORDER BY id")) {
      while (r.next()) {
        rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
      }
    }
    return rows;
  }
}
