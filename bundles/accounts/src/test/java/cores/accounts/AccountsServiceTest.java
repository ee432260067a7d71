package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.auth.Identity;
import cores.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsServiceTest {
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts =
        new AccountsService(
            tx,
            new PasswordHasher(new SecureRandom(), 1000),
            Clock.systemUTC(),
            new PasswordRules());
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void createsSuperuser() throws SQLException {
    User admin = accounts.createSuperuser("Admin", "admin@example.com", "s3cret-pw".toCharArray());
    assertEquals("Admin", admin.username());
    assertTrue(admin.active() && admin.staff() && admin.superuser());
    assertTrue(admin.hasPermission("inventory.view_host"));
    assertEquals(admin, accounts.findByUsername("aDMIN").orElseThrow());
    assertEquals(admin, accounts.find(admin.id()).orElseThrow());
    String stored = queryString("SELECT password FROM auth_user WHERE id = " + admin.id());
    assertTrue(stored.startsWith("pbkdf2_sha256$1000$"), stored);
    assertFalse(stored.contains("s3cret-pw"));
  }

  @Test
  void refusesTakenUsernameInAnyCase() {
    accounts.createSuperuser("taken", "a@example.com", "cobalt-harbour-1".toCharArray());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                accounts.createSuperuser(
                    "TAKEN", "b@example.com", "cobalt-harbour-2".toCharArray()));
    assertEquals("username: already taken", e.getMessage());
  }

  @Test
  void namesTheBadField() {
    assertField("username", "", "a@example.com", "cobalt-harbour-1");
    assertField("username", null, "a@example.com", "cobalt-harbour-1");
    assertField("username", "has space", "a@example.com", "cobalt-harbour-1");
    assertField("username", "x".repeat(151), "a@example.com", "cobalt-harbour-1");
    assertField("email", "okname", "not-an-email", "cobalt-harbour-1");
    assertField("email", "okname", "", "cobalt-harbour-1");
    assertField("password", "okname", "a@example.com", "short");
    assertField("password", "okname", "a@example.com", "");
    // Django's other default rules, wherever a password is set (PasswordRulesTest has each)
    assertField("password", "okname", "a@example.com", "password1");
    assertField("password", "okname", "a@example.com", "8203917465");
    assertField("password", "okname", "a@example.com", "okname.2024");
    assertTrue(accounts.findByUsername("okname").isEmpty());
    User unicode =
        accounts.createSuperuser("jöns.o+x@y_z-1", "j@localhost", "cobalt-harbour-1".toCharArray());
    assertEquals("jöns.o+x@y_z-1", unicode.username());
  }

  @Test
  void commandCreatesAndWipesThePassword() {
    CreateSuperuserCommand command = new CreateSuperuserCommand(accounts);
    char[] password = "command-pw".toCharArray();
    Map<String, Object> options = new HashMap<>();
    options.put("username", "cmd");
    options.put("email", "cmd@example.com");
    options.put("password", password);
    assertEquals("Superuser cmd created.", command.apply(options));
    assertArrayEquals(new char[password.length], password);
    char[] again = "command-pw".toCharArray();
    options.put("password", again);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> command.apply(options));
    assertEquals("username: already taken", e.getMessage());
    assertArrayEquals(new char[again.length], again);
  }

  @Test
  void provisionsExternalUsers() throws SQLException {
    User created =
        accounts.provision(
            new Identity(
                "ldap",
                "jdoe",
                "Jane",
                "Doe",
                "jane@example.com",
                Set.of("lab", "ops"),
                null,
                null));
    assertEquals(Set.of("lab", "ops"), created.groups());
    assertEquals("Jane", created.firstName());
    assertFalse(created.staff());
    assertTrue(
        queryString("SELECT password FROM auth_user WHERE id = " + created.id()).startsWith("!"));

    // refreshed: profile values given, groups replaced, flags set; nulls leave things alone
    User refreshed =
        accounts.provision(
            new Identity("ldap", "JDOE", null, "Smith", null, Set.of("ops", "admins"), true, null));
    assertEquals(created.id(), refreshed.id());
    assertEquals("Jane", refreshed.firstName());
    assertEquals("Smith", refreshed.lastName());
    assertEquals("jane@example.com", refreshed.email());
    assertEquals(Set.of("ops", "admins"), refreshed.groups());
    assertTrue(refreshed.staff());
    assertFalse(refreshed.superuser());

    // external directories' names are taken as they are, within the column's length
    assertEquals("Jane Doe", accounts.provision(Identity.of("ldap", "Jane Doe")).username());
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> accounts.provision(Identity.of("ldap", "x".repeat(151))));
    assertEquals("username: at most 150 characters", tooLong.getMessage());

    User untouched = accounts.provision(Identity.of("local", "jdoe"));
    assertEquals(refreshed, untouched);

    User noGroups =
        accounts.provision(new Identity("ldap", "jdoe", null, null, null, Set.of(), null, null));
    assertEquals(Set.of(), noGroups.groups());
    assertEquals(1, queryLong("SELECT count(*) FROM auth_group WHERE name = 'lab'"));
  }

  @Test
  void localIdentityLeavesTheProfileAlone() throws SQLException {
    User admin =
        accounts.createSuperuser("keeper", "keeper@example.com", "cobalt-harbour-1".toCharArray());
    String hash = queryString("SELECT password FROM auth_user WHERE id = " + admin.id());
    assertEquals(admin, accounts.provision(Identity.of("local", "KEEPER")));
    assertEquals(hash, queryString("SELECT password FROM auth_user WHERE id = " + admin.id()));
  }

  @Test
  void effectivePermissionsAreOwnPlusGroups() throws SQLException {
    User user =
        accounts.provision(
            new Identity("ldap", "perms", null, null, null, Set.of("bookers"), null, null));
    execute(
        "INSERT INTO auth_group_permissions (group_id, permission)"
            + " SELECT id, 'booking.add_reservation' FROM auth_group WHERE name = 'bookers'");
    execute(
        "INSERT INTO auth_user_permissions (user_id, permission) VALUES ("
            + user.id()
            + ", 'inventory.view_host')");
    User loaded = accounts.find(user.id()).orElseThrow();
    assertEquals(Set.of("booking.add_reservation", "inventory.view_host"), loaded.permissions());
    assertTrue(loaded.hasPermission("booking.add_reservation"));
    assertFalse(loaded.hasPermission("inventory.delete_host"));
  }

  @Test
  void databaseRefusesMalformedPermissionNames() {
    User user = accounts.provision(Identity.of("ldap", "malformed"));
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                execute(
                    "INSERT INTO auth_user_permissions (user_id, permission) VALUES ("
                        + user.id()
                        + ", 'Inventory.View Host')"));
    assertEquals("23514", e.getSQLState());
  }

  @Test
  void searchMatchesUsernameNameOrAddressIgnoringCaseExactUsernameFirst() {
    accounts.provision(
        new Identity("ldap", "zed", "Quinn", "Zed", "q.zed@example.org", null, null, null));
    accounts.provision(
        new Identity("ldap", "aquin", "Aqu", "In", "aquin@example.org", null, null, null));
    accounts.provision(
        new Identity("ldap", "quin", "Other", "Person", "p@example.org", null, null, null));
    assertEquals(
        List.of("quin", "aquin", "zed"),
        accounts.search("QUIN", 10).stream().map(User::username).toList());
    assertEquals(
        List.of("zed"), accounts.search("quinn zed", 10).stream().map(User::username).toList());
    assertEquals(
        List.of("zed"), accounts.search("Q.ZED@", 10).stream().map(User::username).toList());
    assertEquals(2, accounts.search("quin", 2).size());
    // LIKE's wildcards are plain characters in the text
    assertEquals(List.of(), accounts.search("q%n", 10));
    assertEquals(List.of(), accounts.search("  ", 10));
  }

  @Test
  void unknownUsersAreEmpty() {
    assertTrue(accounts.find(-1).isEmpty());
    assertTrue(accounts.findByUsername("nobody").isEmpty());
    assertTrue(accounts.findByUsername(null).isEmpty());
  }

  private void assertField(String field, String username, String email, String password) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> accounts.createSuperuser(username, email, password.toCharArray()));
    assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private String queryString(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  private long queryLong(String sql) throws SQLException {
    String value = queryString(sql);
    assertNotNull(value, sql);
    return Long.parseLong(value);
  }
}
