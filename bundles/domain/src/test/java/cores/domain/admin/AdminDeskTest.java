package cores.domain.admin;

import cores.api.accounts.User;
import cores.api.admin.AdminModel;
import cores.domain.DomainDatabase;
import cores.domain.Fixture;
import cores.testing.TestDatabase;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the admin desk's tests share, made once a class: a fresh database with the inventory's
 * {@link Fixture}, the desk over it (its mails through the real outbox, in UTC) and a staff user
 * holding the permissions the class asks for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminDeskTest {
  DomainDatabase db;
  Fixture fixture;
  AdminDeskService admin;

  /** Active staff with {@link #permissions()}. */
  User staff;

  private TestDatabase.Tx tx;

  /** The staff user's name. */
  abstract String staffName();

  /** What the staff user may do. */
  abstract Set<String> permissions();

  @BeforeAll
  final void openDesk() throws Exception {
    db = new DomainDatabase();
    tx = db.transactions();
    fixture = new Fixture(db);
    admin = new AdminDeskService(tx, DomainDatabase.mail(tx, ZoneOffset.UTC));
    staff = db.user(staffName(), true, permissions());
  }

  @AfterAll
  final void closeDesk() throws Exception {
    tx.close();
    db.close();
  }

  /** The desk's model of that name. */
  AdminModel model(String name) {
    return admin.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }
}
