package cores.accounts.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cores.accounts.AccountsDatabase;
import cores.accounts.AccountsService;
import cores.accounts.TestAccess;
import cores.api.accounts.User;
import cores.api.admin.AdminField;
import cores.api.web.ProblemException;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A booking's owner typed into its form is found among all users, not only the first 1,000 a select
 * listed: by the start of the username first, then anywhere in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserSearchTest {
  private static final AdminField OWNER =
      new AdminField("owner", "ref", true, true, List.of(), "user");
  private AccountsDatabase db;
  private TestDatabase.Tx tx;
  private AccountsDesk desk;
  private User root;

  @BeforeAll
  void setUp() throws Exception {
    db = new AccountsDatabase();
    tx = db.transactions();
    AccountsService accounts = TestAccess.accounts(tx);
    desk = AccountsDeskTest.desk(tx, ZoneId.of("UTC"));
    root = accounts.createSuperuser("root", "root@example.com", "root-password".toCharArray());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO auth_user (username, password) SELECT 'u' || lpad(n::text, 4, '0'), '!'"
              + " FROM generate_series(1, 1200) n");
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    tx.close();
    db.close();
  }

  @Test
  void findsAUserPastTheFirstThousandStartingWithTheTermFirst() {
    assertFalse(desk.options(root, OWNER).containsValue("u1200"), "a select lists 1,000 only");
    assertEquals(List.of("u1200"), List.copyOf(desk.options(root, OWNER, "U1200", 20).values()));
    assertEquals(
        List.of("u1100", "u1101", "u1102"),
        List.copyOf(desk.options(root, OWNER, "u110", 3).values()));
    assertEquals(
        List.of("u0110", "u1100"), List.copyOf(desk.options(root, OWNER, "110", 2).values()));
  }

  @Test
  void wildcardsAreTakenLiterallyAndOnlyStaffMayAsk() {
    assertEquals(List.of(), List.copyOf(desk.options(root, OWNER, "u_1", 20).values()));
    assertThrows(ProblemException.class, () -> desk.options(null, OWNER, "u", 20));
  }
}
