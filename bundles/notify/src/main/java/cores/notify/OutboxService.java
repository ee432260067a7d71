package cores.notify;

import cores.api.notify.ChannelCounts;
import cores.api.notify.FailedMessage;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.notify.Outbox;
import cores.api.notify.OutboxDesk;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Writes events into {@code notify_outbox} on the caller's connection, so they commit or roll back
 * with the caller's change; and, as the admins' {@link OutboxDesk} (the REST resource's and the
 * admin pages'), lists and requeues failed messages in the unit's own transactions.
 *
 * <p>The unit's Transactions reference also makes this service appear only after the persistence
 * bundle migrated the table.
 */
@Component(service = {Outbox.class, OutboxDesk.class})
public final class OutboxService implements Outbox, OutboxDesk {

  /** Direct address: no user, no preference. */
  private static final String INSERT_ADDRESS =
      "INSERT INTO notify_outbox (type, recipient, data) VALUES (?, ?, ?::jsonb) RETURNING id";

  /**
   * A user's message: the address is the given one or else the user's; a user without one gets a
   * failed row (visible to admins) rather than nothing. The reminder filter is appended for
   * reminder types.
   */
  private static final String INSERT_USER =
      "INSERT INTO notify_outbox (type, user_id, recipient, data, status, last_error, failed_at)"
          + " SELECT ?, u.id, a.address, ?::jsonb,"
          + " CASE WHEN a.address = '' THEN 'failed' ELSE 'pending' END,"
          + " CASE WHEN a.address = '' THEN 'recipient has no email address' END,"
          + " CASE WHEN a.address = '' THEN now() END"
          + " FROM accounts_user_v1 u CROSS JOIN LATERAL"
          + " (SELECT coalesce(nullif(?, ''), u.email) AS address) a WHERE u.id = ?";

  private static final String INSERT_CONFIRMATION = INSERT_USER + " RETURNING id";

  /** Reminders only for users who did not turn them off. */
  private static final String INSERT_REMINDER =
      INSERT_USER + " AND u.receive_reminders RETURNING id";

  private final Transactions tx;
  private final Channels channels;

  @Activate
  public OutboxService(
      @Reference(target = "(" + Transactions.UNIT + "=cores.notify)") Transactions tx,
      @Reference Channels channels) {
    this.tx = tx;
    this.channels = channels;
  }

  @Override
  public boolean delivers(NotificationType type) {
    return channels.delivers(type);
  }

  @Override
  public Map<String, Long> counts() {
    return tx.readOnly(em -> OutboxStore.counts(Delivery.connection(em)));
  }

  @Override
  public List<ChannelCounts> channels() {
    List<String> names = channels.names();
    return tx.readOnly(em -> OutboxStore.channels(Delivery.connection(em), names));
  }

  @Override
  public List<FailedMessage> failed(int limit) {
    return tx.readOnly(em -> OutboxStore.failed(Delivery.connection(em), limit));
  }

  @Override
  public boolean retry(long id) {
    return tx.required(em -> OutboxStore.requeue(Delivery.connection(em), id)) > 0;
  }

  @Override
  public int retryAll() {
    return tx.required(em -> OutboxStore.requeue(Delivery.connection(em), null));
  }

  @Override
  public OptionalLong enqueue(EntityManager em, NotificationEvent event) {
    if (!em.getTransaction().isActive()) {
      throw new IllegalStateException("enqueue needs the caller's active transaction");
    }
    // EclipseLink begins the database transaction when the connection is unwrapped inside an active
    // EntityManager transaction: the same connection the caller's own changes use
    Connection connection = em.unwrap(Connection.class);
    try {
      return event.userId() == null ? toAddress(connection, event) : toUser(connection, event);
    } catch (SQLException e) {
      throw new IllegalStateException("the notification could not be recorded", e);
    }
  }

  private static OptionalLong toAddress(Connection connection, NotificationEvent event)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_ADDRESS)) {
      insert.setString(1, event.type().code());
      insert.setString(2, event.email().strip());
      insert.setString(3, EventData.write(event.data()));
      return id(insert);
    }
  }

  private static OptionalLong toUser(Connection connection, NotificationEvent event)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            event.type().reminder() ? INSERT_REMINDER : INSERT_CONFIRMATION)) {
      insert.setString(1, event.type().code());
      insert.setString(2, EventData.write(event.data()));
      insert.setString(3, event.email() == null ? "" : event.email().strip());
      insert.setLong(4, event.userId());
      OptionalLong id = id(insert);
      if (id.isEmpty() && !userExists(connection, event.userId())) {
        throw new IllegalArgumentException("no user with id " + event.userId());
      }
      return id;
    }
  }

  private static OptionalLong id(PreparedStatement insert) throws SQLException {
    try (ResultSet rs = insert.executeQuery()) {
      return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
    }
  }

  private static boolean userExists(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM accounts_user_v1 WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }
}
