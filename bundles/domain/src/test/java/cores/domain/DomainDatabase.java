package cores.domain;

import cores.api.accounts.User;
import cores.domain.booking.BookingMail;
import cores.notify.Channels;
import cores.notify.OutboxService;
import cores.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A fresh database with the persistence (btree_gist, the change log), accounts, notify (the outbox)
 * and domain changelogs applied, and transactions over the domain's unit whose statements are
 * counted.
 */
public final class DomainDatabase extends TestDatabase {

  /** Statements prepared or created through {@link #transactions()}'s connections. */
  public final AtomicInteger statements = new AtomicInteger();

  /** Transactions begun on {@link #transactions()}'s connections (autocommit turned off). */
  public final AtomicInteger transactions = new AtomicInteger();

  public DomainDatabase() throws Exception {
    super(
        "cores_domain_test",
        // the persistence bundle's own: btree_gist and the change log's trigger
        "db/changelog.sql",
        "cores/accounts/db/changelog.xml",
        "cores/notify/db/changelog.xml",
        "cores/domain/db/changelog.xml");
  }

  /** A new user row, and the {@link User} the http bundle would hand to resources. */
  public User user(String username, boolean staff, Set<String> permissions) throws SQLException {
    long id =
        number(
            "INSERT INTO auth_user (username, password, is_staff) VALUES ('"
                + username
                + "', '!', "
                + staff
                + ") RETURNING id");
    return new User(id, username, "", "", "", true, staff, false, Set.of(), permissions, null);
  }

  /**
   * The booking mails through the notify bundle's real outbox, in the given zone. (The outbox's own
   * unit serves only its counts, which these tests do not read.)
   */
  public static BookingMail mail(Tx tx, ZoneId zone) {
    return BookingMail.of(new OutboxService(tx, new Channels()), zone);
  }

  /** The types of the outbox rows for a user, oldest first. */
  public List<String> mailsTo(long userId) throws SQLException {
    return texts("SELECT type FROM notify_outbox WHERE user_id = " + userId + " ORDER BY id");
  }

  /** The data (JSON) of a user's newest outbox row of that type. */
  public String mailData(long userId, String type) throws SQLException {
    List<String> data =
        texts(
            "SELECT data::text FROM notify_outbox WHERE user_id = "
                + userId
                + " AND type = '"
                + type
                + "' ORDER BY id DESC LIMIT 1");
    return data.isEmpty() ? null : data.get(0);
  }

  /** The first column of each row, as text. */
  public List<String> texts(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  public Tx transactions() {
    return transactions("cores.domain", counting(statements, transactions), this::connect);
  }

  /** Connections to this database (counted too), for services that take a data source. */
  public DataSource dataSource() {
    return counting(statements, transactions);
  }
}
