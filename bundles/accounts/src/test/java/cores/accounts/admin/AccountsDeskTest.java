package cores.accounts.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.accounts.AccountsDatabase;
import cores.accounts.AccountsService;
import cores.accounts.DatabaseClock;
import cores.accounts.PasswordRules;
import cores.accounts.TestAccess;
import cores.accounts.TokenService;
import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.auth.Identity;
import cores.api.config.SiteZone;
import cores.api.web.ProblemException;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The accounts' admin desk on a real database: its lists, and its writes going through the API's
 * rules (who may grant what, whose password may be set, whose token issued), each leaving its
 * change-log rows and nothing on a refusal. Each test uses users of its own; {@code root} is the
 * one superuser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsDeskTest {
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsService accounts;
  private AccountsDesk desk;
  private User root;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    accounts = TestAccess.accounts(tx);
    desk = desk(tx, ZoneId.of("UTC"));
    root = accounts.createSuperuser("root", "root@example.com", "root-password".toCharArray());
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void listsSearchesAndFiltersUsers() throws Exception {
    long group = desk.create(root, AccountModels.GROUP, Map.of("name", "list-lab"));
    Map<String, String> ada = userForm("list-ada", "Ada", "Lovelace", "ada@list.example");
    ada.put("is_staff", "on");
    ada.put("groups", String.valueOf(group));
    long adaId = desk.create(root, AccountModels.USER, ada);
    desk.create(root, AccountModels.USER, userForm("list-bob", "Bob", "Byte", "bob@list.example"));

    AdminDesk.Rows byName = list(AccountModels.USER, "ada lovelace", Map.of());
    assertEquals(1, byName.count());
    assertEquals("list-ada", byName.rows().get(0).get("username"));
    assertEquals("yes", byName.rows().get(0).get("is_staff"));
    assertEquals(2, list(AccountModels.USER, "list.example", Map.of()).count());
    assertEquals(
        List.of(String.valueOf(adaId)),
        list(AccountModels.USER, "list-", Map.of("groups", String.valueOf(group))).rows().stream()
            .map(r -> r.get("id"))
            .toList());
    assertEquals(1, list(AccountModels.USER, "list-", Map.of("groups", "none")).count());
    assertEquals(1, list(AccountModels.USER, "list-", Map.of("is_staff", "no")).count());
    assertEquals(0, list(AccountModels.USER, "list-", Map.of("is_superuser", "yes")).count());
    assertEquals(
        "list-bob",
        desk.list(root, AccountModels.USER, "list-", Map.of(), "-username", 1)
            .rows()
            .get(0)
            .get("username"));
    assertEquals(String.valueOf(group), desk.get(root, AccountModels.USER, adaId).get("groups"));
    assertEquals(
        "list-lab",
        desk.options(root, AccountModels.USER.field("groups").orElseThrow()).get(group));
  }

  @Test
  void allMatchingIdsAreReadInOneStatementInTheListsOrder() throws Exception {
    List<Long> made = new ArrayList<>();
    for (int i = 0; i < AdminDesk.PAGE_SIZE + 5; i++) {
      String name = String.format("every-%02d", i);
      made.add(
          desk.create(root, AccountModels.USER, userForm(name, "E", "V", name + "@e.example")));
    }
    int statements = db.statements.get();
    List<Long> ids = desk.ids(root, AccountModels.USER, "every-", Map.of(), "username", 1000);
    assertEquals(1, db.statements.get() - statements, "one statement, not one a page");
    assertEquals(made, ids);
    assertEquals(
        made.subList(0, 3), desk.ids(root, AccountModels.USER, "every-", Map.of(), "username", 3));
    assertEquals(
        List.of(made.get(made.size() - 1)),
        desk.ids(root, AccountModels.USER, "every-", Map.of(), "-username", 1));
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> desk.ids(root, AccountModels.USER, "", Map.of("groups", "x"), "", 10));
    assertEquals(400, refused.status());
  }

  @Test
  void labelsOfSeveralObjectsComeInTheirOrderAndAGoneOneIsItsId() throws Exception {
    long zed =
        desk.create(root, AccountModels.USER, userForm("label-zed", "Zed", "Z", "z@l.example"));
    long amy =
        desk.create(root, AccountModels.USER, userForm("label-amy", "Amy", "A", "a@l.example"));
    long gone =
        desk.create(root, AccountModels.USER, userForm("label-gone", "G", "G", "g@l.example"));
    desk.delete(root, AccountModels.USER, List.of(gone));

    Map<Long, String> labels = desk.labels(AccountModels.USER, List.of(zed, gone, amy));

    assertEquals(List.of(zed, gone, amy), List.copyOf(labels.keySet()));
    assertEquals(List.of("label-zed", "#" + gone, "label-amy"), List.copyOf(labels.values()));
    assertEquals("label-amy", desk.label(AccountModels.USER, amy));
    // a bulk action's confirmation names only those that exist
    assertEquals(
        List.of("label-zed", "label-amy"),
        List.copyOf(desk.existing(AccountModels.USER, List.of(zed, gone, amy)).values()));
  }

  @Test
  void aStaffUserWithChangeUserGrantsNeitherSuperuserNorWhatHeLacks() throws Exception {
    User manager = staff("grant-manager", "auth.view_user", "auth.change_user");
    long target = desk.create(root, AccountModels.USER, userForm("grant-target", "", "", ""));
    long changesBefore = changes("user", target);

    Map<String, String> superuser = desk.get(manager, AccountModels.USER, target);
    superuser.put("is_superuser", "on");
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> desk.update(manager, AccountModels.USER, target, superuser));
    assertEquals(403, refused.status());
    assertEquals(
        List.of("Only superusers may make superusers."), refused.errors().get("is_superuser"));

    Map<String, String> permission = desk.get(manager, AccountModels.USER, target);
    permission.put("user_permissions", "auth.delete_user");
    refused =
        assertThrows(
            ProblemException.class,
            () -> desk.update(manager, AccountModels.USER, target, permission));
    assertEquals(403, refused.status());
    assertTrue(refused.detail().contains("auth.delete_user"), refused.detail());
    assertTrue(refused.errors().containsKey("user_permissions"), refused.errors().toString());

    assertEquals(changesBefore, changes("user", target), "nothing written");
    assertFalse(accounts.find(target).orElseThrow().superuser());
    assertTrue(accounts.find(target).orElseThrow().permissions().isEmpty());

    // what he holds he may give, and that is recorded as the API's writes are
    Map<String, String> held = desk.get(manager, AccountModels.USER, target);
    held.put("user_permissions", "auth.view_user");
    desk.update(manager, AccountModels.USER, target, held);
    assertEquals(Set.of("auth.view_user"), accounts.find(target).orElseThrow().permissions());
    // recorded as the API's writes are (who wrote it is bound by the request layer, absent here)
    assertEquals(
        "1",
        text(
            "SELECT count(*) FROM cores_change WHERE model = 'userpermission' AND action = 'create'"
                + " AND after ->> 'permission' = 'auth.view_user' AND after ->> 'user_id' = ?",
            String.valueOf(target)));
  }

  @Test
  void aGroupGainsOnlyPermissionsTheActorHolds() throws Exception {
    User manager = staff("group-manager", "auth.view_group", "auth.add_group", "auth.change_group");
    long group = desk.create(manager, AccountModels.GROUP, Map.of("name", "group-lab"));
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                desk.update(
                    manager,
                    AccountModels.GROUP,
                    group,
                    Map.of(
                        "name", "group-lab", "permissions", "auth.view_group\nauth.delete_user")));
    assertEquals(403, refused.status());
    assertTrue(refused.errors().containsKey("permissions"), refused.errors().toString());
    assertEquals("", desk.get(root, AccountModels.GROUP, group).get("permissions"));
    desk.update(
        root,
        AccountModels.GROUP,
        group,
        Map.of("name", "group-lab", "permissions", "auth.view_group\nauth.delete_user"));
    assertEquals(
        "auth.delete_user\nauth.view_group",
        desk.get(root, AccountModels.GROUP, group).get("permissions"));
  }

  @Test
  void aUsersDeleteConfirmationNamesWhatStopsIt() {
    long plain = desk.create(root, AccountModels.USER, userForm("confirm-plain", "", "", ""));
    assertEquals(List.of(), desk.consequences(root, AccountModels.USER, List.of(plain)));
    assertEquals(List.of(), desk.obstacles(root, AccountModels.USER, List.of(plain)));
    // root is the one superuser: the confirmation says so, and offers no delete
    assertEquals(
        List.of("no active superuser would be left"),
        desk.obstacles(root, AccountModels.USER, List.of(plain, root.id())));
  }

  /**
   * Another bundle's records that refuse a user's or group's delete, or that it takes along, are
   * that bundle's desk's to name ({@code referrers}, {@code dependents}: it reads its own tables);
   * the accounts tell only their own.
   */
  @Test
  void anotherBundlesRecordsAreLeftToItsDeskToName() throws Exception {
    // tables as other bundles declare them
    db.execute(
        "CREATE TABLE booking_booking (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " owner_id bigint NOT NULL REFERENCES auth_user (id) ON DELETE RESTRICT)",
        "CREATE TABLE inventory_host (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " group_id bigint REFERENCES auth_group (id) ON DELETE RESTRICT)",
        "CREATE TABLE notices_notice (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            + " group_id bigint REFERENCES auth_group (id) ON DELETE CASCADE)");
    try {
      long holder = desk.create(root, AccountModels.USER, userForm("obstacle-holder", "", "", ""));
      long group =
          desk.create(
              root, AccountModels.GROUP, Map.of("name", "obstacle-group", "permissions", ""));
      db.execute(
          "INSERT INTO booking_booking (owner_id) VALUES (" + holder + "), (" + holder + ")",
          "INSERT INTO inventory_host (group_id) VALUES (" + group + ")",
          "INSERT INTO notices_notice (group_id) VALUES (" + group + ")");
      assertEquals(List.of(), desk.obstacles(root, AccountModels.USER, List.of(holder)));
      assertEquals(List.of(), desk.obstacles(root, AccountModels.GROUP, List.of(group)));
      assertEquals(List.of(), desk.consequences(root, AccountModels.GROUP, List.of(group)));
    } finally {
      db.execute(
          "DROP TABLE booking_booking", "DROP TABLE inventory_host", "DROP TABLE notices_notice");
    }
  }

  @Test
  void aTakenUsernameIsAnErrorAtItsField() {
    desk.create(root, AccountModels.USER, userForm("taken-name", "", "", ""));
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> desk.create(root, AccountModels.USER, userForm("taken-name", "", "", "")));
    assertEquals(400, refused.status());
    assertEquals(List.of("already taken"), refused.errors().get("username"));
  }

  /**
   * First and last names are one line, refused at their field; a name stored before the rule (the
   * original's data) sent back unchanged does not block a change of another field.
   */
  @Test
  void namesAreOneLineButAStoredOneSentBackIsKept() throws Exception {
    long id = desk.create(root, AccountModels.USER, userForm("line-ann", "Ann", "Lee", ""));
    Map<String, String> broken = desk.get(root, AccountModels.USER, id);
    broken.put("first_name", "Ann\nMarie");
    broken.put("last_name", "Lee\u0007");
    ProblemException refused =
        assertThrows(
            ProblemException.class, () -> desk.update(root, AccountModels.USER, id, broken));
    assertEquals(400, refused.status());
    assertTrue(
        refused.errors().get("first_name").get(0).startsWith("must not contain line breaks"),
        refused.errors().toString());
    assertTrue(
        refused.errors().get("last_name").get(0).endsWith("U+0007 at character 4"),
        refused.errors().toString());
    assertEquals(
        "Ann|Lee", text("SELECT first_name || '|' || last_name FROM auth_user WHERE id = ?", id));

    db.execute("UPDATE auth_user SET first_name = E'Ann\\nMarie' WHERE id = " + id);
    Map<String, String> kept = desk.get(root, AccountModels.USER, id);
    kept.put("email", "ann@line.example");
    desk.update(root, AccountModels.USER, id, kept);
    assertEquals(
        "Ann\nMarie|ann@line.example",
        text("SELECT first_name || '|' || email FROM auth_user WHERE id = ?", id));
  }

  @Test
  void passwordsAreSetOnlyForUsersWhoseRightsTheActorHolds() throws Exception {
    User manager = staff("pw-manager", "auth.view_user", "auth.change_user");
    long plain = desk.create(root, AccountModels.USER, userForm("pw-plain", "", "", ""));
    ProblemException weak =
        assertThrows(
            ProblemException.class,
            () -> desk.submit(manager, AccountModels.USER, plain, "password", twice("short")));
    assertEquals(400, weak.status());
    assertTrue(weak.errors().containsKey("password"));

    desk.submit(manager, AccountModels.USER, plain, "password", twice("a-long-new-password"));
    assertTrue(
        TestAccess.local(tx)
            .authenticate("pw-plain", "a-long-new-password".toCharArray())
            .isPresent());
    assertEquals(
        "(changed)",
        text(
            "SELECT after ->> 'password' FROM cores_change WHERE model = 'user'"
                + " AND object_id = ? AND action = 'update' ORDER BY id DESC LIMIT 1",
            plain));

    ProblemException beyond =
        assertThrows(
            ProblemException.class,
            () ->
                desk.submit(
                    manager,
                    AccountModels.USER,
                    root.id(),
                    "password",
                    twice("a-long-new-password")));
    assertEquals(403, beyond.status());
  }

  private static Map<String, String> twice(String password) {
    return Map.of("password", password, "password_confirmation", password);
  }

  @Test
  void aPasswordIsSetOnlyWhenItsConfirmationMatches() throws Exception {
    long user = desk.create(root, AccountModels.USER, userForm("pw-typo", "", "", ""));
    ProblemException typo =
        assertThrows(
            ProblemException.class,
            () ->
                desk.submit(
                    root,
                    AccountModels.USER,
                    user,
                    "password",
                    Map.of(
                        "password",
                        "a-long-new-password",
                        "password_confirmation",
                        "a-long-new-pasword")));
    assertEquals(400, typo.status());
    assertEquals(
        List.of("does not match the password: type it again"),
        typo.errors().get("password_confirmation"));
    assertTrue(
        TestAccess.local(tx)
            .authenticate("pw-typo", "a-long-new-password".toCharArray())
            .isEmpty());
  }

  @Test
  void aTokenIsIssuedForAnyUserItsKeyReturnedOnceAndRevoked() throws Exception {
    long owner = desk.create(root, AccountModels.USER, userForm("token-owner", "", "", ""));
    AdminDesk.Created created =
        desk.createShown(
            root, AccountModels.TOKEN, Map.of("label", "script", "user", String.valueOf(owner)));
    assertEquals(40, created.secret().length());
    TokenService tokens = TestAccess.tokens(tx);
    assertEquals("token-owner", tokens.authenticate(created.secret()).orElseThrow().username());
    Map<String, String> shown = desk.get(root, AccountModels.TOKEN, created.id());
    assertEquals(String.valueOf(owner), shown.get("user"));
    assertFalse(shown.containsValue(created.secret()));
    assertEquals("script (token-owner)", desk.label(AccountModels.TOKEN, created.id()));
    assertEquals(
        "0",
        text(
            "SELECT count(*) FROM cores_change WHERE concat(before::text, after::text) LIKE ?",
            "%" + created.secret() + "%"));

    ProblemException noLabel =
        assertThrows(
            ProblemException.class,
            () ->
                desk.createShown(
                    root,
                    AccountModels.TOKEN,
                    Map.of("label", " ", "user", String.valueOf(owner))));
    assertEquals(400, noLabel.status());
    assertTrue(noLabel.errors().containsKey("label"));

    User manager = staff("token-manager", "auth.add_token", "auth.view_token");
    assertEquals(
        403,
        assertThrows(
                ProblemException.class,
                () ->
                    desk.createShown(
                        manager,
                        AccountModels.TOKEN,
                        Map.of("label", "mine now", "user", String.valueOf(root.id()))))
            .status());

    desk.delete(root, AccountModels.TOKEN, List.of(created.id()));
    assertTrue(tokens.authenticate(created.secret()).isEmpty());
    assertEquals(
        "1", text("SELECT count(*) FROM cores_change WHERE model = 'token' AND action = 'delete'"));
  }

  @Test
  void theImpersonationLogPairsEachStartWithItsStopAndIsReadOnly() throws Exception {
    try (Connection c = db.connect();
        PreparedStatement log =
            c.prepareStatement(
                "INSERT INTO auth_impersonation_log (at, action, real_username, target_username)"
                    + " VALUES (?::timestamptz, ?, ?, ?)")) {
      String[][] rows = {
        {"2026-03-01T10:00:00Z", "start", "log-staff", "log-ada"},
        {"2026-03-01T10:30:00Z", "stop", "log-staff", "log-ada"},
        {"2026-03-02T09:00:00Z", "start", "log-staff", "log-bob"},
      };
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          log.setString(i + 1, row[i]);
        }
        log.executeUpdate();
      }
    }
    AdminDesk.Rows rows = list(AccountModels.IMPERSONATION, "log-staff", Map.of());
    assertEquals(2, rows.count());
    assertEquals("log-bob", rows.rows().get(0).get("as_whom"));
    assertEquals("", rows.rows().get(0).get("end"));
    assertEquals("2026-03-01 10:00:00 UTC", rows.rows().get(1).get("start"));
    assertEquals("2026-03-01 10:30:00 UTC", rows.rows().get(1).get("end"));
    // in the site's zone, named: a Zurich site's list shows the Zurich time
    AccountsDesk zurich = desk(tx, ZoneId.of("Europe/Zurich"));
    assertEquals(
        "2026-03-01 11:00:00 Europe/Zurich",
        zurich
            .list(root, AccountModels.IMPERSONATION, "log-staff", Map.of(), "", 1)
            .rows()
            .get(1)
            .get("start"));
    long id = Long.parseLong(rows.rows().get(1).get("id"));
    assertEquals(
        403,
        assertThrows(
                ProblemException.class,
                () -> desk.delete(root, AccountModels.IMPERSONATION, List.of(id)))
            .status());
    assertTrue(AccountModels.IMPERSONATION.readOnly());
  }

  @Test
  void aUserAddedAsTheAddFormStartsIsFlaggedAsTheDatabaseDefaultsOne() throws Exception {
    // the add form as first shown, only a username typed: each field's initial value
    Map<String, String> form = new HashMap<>();
    for (AdminField field : AccountModels.USER.fields()) {
      if (field.initial() != null) {
        form.put(field.name(), field.initial());
      }
    }
    form.put("username", "initial-ada");
    desk.create(root, AccountModels.USER, form);
    try (Connection c = db.connect();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO auth_user (username, password) VALUES (?, '!')")) {
      insert.setString(1, "initial-bob");
      insert.executeUpdate();
    }
    // Django's default: a new user is active, neither staff nor superuser
    assertEquals("true,false,false", flags("initial-bob"));
    assertEquals(flags("initial-bob"), flags("initial-ada"));
  }

  @Test
  void theDeskRefusesWhoLacksTheModelsPermission() throws Exception {
    User viewer = staff("perm-viewer", "auth.view_user");
    assertEquals(
        403,
        assertThrows(
                ProblemException.class,
                () -> desk.list(viewer, AccountModels.TOKEN, "", Map.of(), "", 1))
            .status());
    assertEquals(
        403,
        assertThrows(
                ProblemException.class,
                () -> desk.create(viewer, AccountModels.USER, userForm("perm-new", "", "", "")))
            .status());
    assertTrue(accounts.findByUsername("perm-new").isEmpty());
  }

  private AdminDesk.Rows list(
      cores.api.admin.AdminModel model, String search, Map<String, String> filters) {
    return desk.list(root, model, search, filters, "", 1);
  }

  private static Map<String, String> userForm(
      String username, String first, String last, String email) {
    Map<String, String> form = new HashMap<>();
    form.put("username", username);
    form.put("first_name", first);
    form.put("last_name", last);
    form.put("email", email);
    form.put("is_active", "on");
    return form;
  }

  /** An active staff user holding exactly these permissions. */
  private User staff(String username, String... permissions) throws SQLException {
    User user =
        accounts.provision(new Identity("test", username, null, null, null, null, true, null));
    try (Connection c = db.connect();
        PreparedStatement grant =
            c.prepareStatement(
                "INSERT INTO auth_user_permissions (user_id, permission) VALUES (?, ?)")) {
      for (String permission : permissions) {
        grant.setLong(1, user.id());
        grant.setString(2, permission);
        grant.executeUpdate();
      }
    }
    return accounts.findByUsername(username).orElseThrow();
  }

  private String flags(String username) throws SQLException {
    return text(
        "SELECT concat_ws(',', is_active::text, is_staff::text, is_superuser::text)"
            + " FROM auth_user WHERE username = ?",
        username);
  }

  private long changes(String model, Long objectId) throws SQLException {
    String sql =
        "SELECT count(*) FROM cores_change WHERE model = ?"
            + (objectId == null ? "" : " AND object_id = " + objectId);
    return Long.parseLong(text(sql, model));
  }

  private String text(String sql, Object... values) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** The desk over this database's unit, its lists' times in the zone. */
  static AccountsDesk desk(TestDatabase.Tx tx, ZoneId zone) {
    return new AccountsDesk(
        tx,
        TestAccess.tokens(tx),
        TestAccess.fastHasher(),
        DatabaseClock.create(),
        TestAccess::knownPermissions,
        new PasswordRules(),
        SiteZone.of(zone));
  }
}
