package cores.notify;

import cores.api.notify.ChannelCounts;
import cores.api.notify.FailedMessage;
import cores.api.notify.NotificationEvent;
import cores.api.web.JsonShape;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The SQL of the outbox, on a connection whose transaction the caller runs. */
final class OutboxStore {

  /**
   * Due pending rows, leased to the caller: their next attempt moves past the lease, committed with
   * the claim, so no other dispatcher (nor this one's next round) takes them while this one hands
   * them to the channels outside any transaction. Rows another dispatcher is claiming are skipped,
   * not waited for.
   */
  private static final String CLAIM =
      "UPDATE notify_outbox o SET next_attempt_at = now() + ? * interval '1 millisecond'"
          + " FROM (SELECT id FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= now()"
          + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED) due WHERE o.id = due.id"
          + " RETURNING o.id, o.type, o.recipient, o.data::text, o.attempts, o.delivered_to,"
          + " o.created";

  /** A leased row given back untried (the round ran out of time or the database went away). */
  private static final String RELEASE =
      "UPDATE notify_outbox SET next_attempt_at = now() WHERE id = ? AND status = 'pending'";

  /**
   * A sent or dead message's secret (a password reset link's key) is dropped from its stored data:
   * once delivered, or never to be, it has no use, and the table must not hold live credentials.
   */
  private static final String DROP_SECRET = " data = data - '" + NotificationEvent.TOKEN + "',";

  private static final String SENT =
      "UPDATE notify_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1,"
          + DROP_SECRET
          + " last_error = NULL, delivered_to = ? WHERE id = ?";

  private static final String RETRY =
      "UPDATE notify_outbox SET attempts = ?, next_attempt_at = now() + ? * interval '1 millisecond',"
          + " last_error = ?, delivered_to = ? WHERE id = ?";

  private static final String DEAD =
      "UPDATE notify_outbox SET status = 'failed', failed_at = now(),"
          + DROP_SECRET
          + " attempts = ?, last_error = ?, delivered_to = ? WHERE id = ?";

  /** A row whose outcome could not be written: failed, with the reason, nothing else touched. */
  private static final String BROKEN =
      "UPDATE notify_outbox SET status = 'failed', failed_at = now(),"
          + DROP_SECRET
          + " last_error = ? WHERE id = ?";

  private static final String REQUEUE_ALL =
      "UPDATE notify_outbox SET status = 'pending', attempts = 0, next_attempt_at = now(),"
          + " failed_at = NULL WHERE status = 'failed'";

  private static final String REQUEUE_ONE = REQUEUE_ALL + " AND id = ?";

  private OutboxStore() {}

  /** Leases up to {@code limit} due rows for {@code leaseMillis}, oldest due first. */
  static List<OutboxRow> claim(Connection c, int limit, long leaseMillis) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(CLAIM)) {
      select.setLong(1, leaseMillis);
      select.setInt(2, limit);
      List<OutboxRow> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new OutboxRow(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  names(rs.getArray(6)),
                  rs.getTimestamp(7).toInstant()));
        }
      }
      rows.sort(Comparator.comparingLong(OutboxRow::id));
      return rows;
    }
  }

  static void release(Connection c, long id) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(RELEASE)) {
      update.setLong(1, id);
      update.executeUpdate();
    }
  }

  /** A row every channel accepted. */
  record Sent(long id, Set<String> deliveredTo) {}

  /** Marks rows sent in one JDBC batch: one round trip for the whole claimed batch. */
  static void sent(Connection c, List<Sent> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(SENT)) {
      for (Sent row : rows) {
        update.setArray(1, array(c, row.deliveredTo()));
        update.setLong(2, row.id());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  static void retry(
      Connection c, long id, int attempts, long delayMillis, String error, Set<String> deliveredTo)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(RETRY)) {
      update.setInt(1, attempts);
      update.setLong(2, delayMillis);
      update.setString(3, error);
      update.setArray(4, array(c, deliveredTo));
      update.setLong(5, id);
      update.executeUpdate();
    }
  }

  static void dead(Connection c, long id, int attempts, String error, Set<String> deliveredTo)
      throws SQLException {
    try (PreparedStatement update = c.prepareStatement(DEAD)) {
      update.setInt(1, attempts);
      update.setString(2, error);
      update.setArray(3, array(c, deliveredTo));
      update.setLong(4, id);
      update.executeUpdate();
    }
  }

  static void broken(Connection c, long id, String error) throws SQLException {
    try (PreparedStatement update = c.prepareStatement(BROKEN)) {
      update.setString(1, error);
      update.setLong(2, id);
      update.executeUpdate();
    }
  }

  /** Number of rows per status, every status present. */
  static Map<String, Long> counts(Connection c) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    COUNTS.keys().forEach(status -> counts.put(status, 0L));
    try (PreparedStatement select =
            c.prepareStatement("SELECT status, count(*) FROM notify_outbox GROUP BY status");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static final Map<String, Object> COUNT = Map.of("type", "integer", "minimum", 0);

  /** {@link #counts}: messages by status (the table's statuses). */
  static final JsonShape COUNTS =
      JsonShape.of().with("pending", COUNT).with("sent", COUNT).with("failed", COUNT);

  /** The latest failed rows, newest first. */
  static List<FailedMessage> failed(Connection c, int limit) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT id, type, recipient, attempts, last_error, created, next_attempt_at, failed_at"
                + " FROM notify_outbox WHERE status = 'failed' ORDER BY id DESC LIMIT ?")) {
      select.setInt(1, limit);
      List<FailedMessage> rows = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new FailedMessage(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getString(5),
                  instant(rs.getTimestamp(6)),
                  instant(rs.getTimestamp(7)),
                  instant(rs.getTimestamp(8))));
        }
      }
      return rows;
    }
  }

  /**
   * Per channel, in the given order: the messages waiting for it (pending, not accepted by it),
   * accepted by it, and failed without it accepting them.
   */
  static List<ChannelCounts> channels(Connection c, List<String> names) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT ch.name,"
                + " count(o.id) FILTER (WHERE o.status = 'pending' AND NOT ch.name = ANY(o.delivered_to)),"
                + " count(o.id) FILTER (WHERE ch.name = ANY(o.delivered_to)),"
                + " count(o.id) FILTER (WHERE o.status = 'failed' AND NOT ch.name = ANY(o.delivered_to))"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS ch (name, n)"
                + " LEFT JOIN notify_outbox o ON true GROUP BY ch.name, ch.n ORDER BY ch.n")) {
      select.setArray(1, c.createArrayOf("text", names.toArray()));
      List<ChannelCounts> channels = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          channels.add(
              new ChannelCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
      }
      return channels;
    }
  }

  /**
   * Puts failed rows (one, or all with {@code id} null) back in the queue with a fresh budget of
   * attempts, and records the retry (a tracked row: the change log names who asked); returns how
   * many.
   */
  static int requeue(Connection c, Long id) throws SQLException {
    int n;
    try (PreparedStatement update = c.prepareStatement(id == null ? REQUEUE_ALL : REQUEUE_ONE)) {
      if (id != null) {
        update.setLong(1, id);
      }
      n = update.executeUpdate();
    }
    if (n > 0) {
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO notify_retry (message_id, requeued) VALUES (?, ?)")) {
        insert.setObject(1, id);
        insert.setInt(2, n);
        insert.executeUpdate();
      }
    }
    return n;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Set<String> names(Array array) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    if (array != null) {
      for (Object name : (Object[]) array.getArray()) {
        names.add((String) name);
      }
    }
    return names;
  }

  private static Array array(Connection c, Set<String> names) throws SQLException {
    return c.createArrayOf("text", names.toArray());
  }
}
