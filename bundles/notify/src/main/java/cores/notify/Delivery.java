package cores.notify;

import cores.api.notify.DeliveryException;
import cores.api.notify.Notification;
import cores.api.notify.NotificationChannel;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch round: leases a batch of due rows (a short transaction of its own), hands each
 * message to every active channel that has not accepted it yet, outside any transaction, and
 * records each message's outcome in a transaction of its own right after. A row is {@code sent}
 * when every channel accepted it; otherwise it is retried later with backoff, or marked {@code
 * failed} when its attempts are used up. A message that cannot be rendered (an unknown type or bad
 * data written by hand) fails at once: retrying would not help.
 *
 * <p>A {@linkplain NotificationType#confidential() confidential} message (a password reset link)
 * goes only to private channels (email), never to one that posts where others read; while none is
 * active it waits, retried with backoff like a failed delivery.
 *
 * <p>The lease keeps other dispatchers (other instances) off the rows while the channels work. If
 * the database goes away after a channel accepted a message, the outcome is kept here and recorded
 * first thing once the database answers again, and the rest of the batch is given back untried: an
 * outage of the database never makes a message go out twice. Only if the process dies between a
 * channel's acceptance and the record is a message delivered again (after the lease), and its
 * stable Message-ID makes that repeat recognisable; the rows of a dead process wait for their lease
 * to end. A dispatcher that is stopped (interrupted) mid-batch gives back the rows it has not
 * handed out yet.
 *
 * <p>One bad row never stops the others: its outcome is written inside a savepoint, and when the
 * database refuses it (a constraint, a trigger; not a lost connection) the row is logged, marked
 * {@code failed} with the reason, and the other outcomes are recorded. A message that cannot be
 * rendered for any reason fails alone as well.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final int MAX_ERROR_LENGTH = 2000;

  /** The error of a message that expired unsent, before the instant. */
  static final String EXPIRED = "not sent: expired before it could be delivered, at ";

  /**
   * How long claimed rows are this dispatcher's. A round hands out messages for at most half of it
   * and gives the rest back, so a lease never ends while its message is being delivered.
   */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** A row's outcome, written to the outbox. */
  @FunctionalInterface
  private interface Write {
    void record(Connection c) throws SQLException;
  }

  /** The outcome of the row {@code id}. */
  private record Outcome(long id, Write write) {}

  /** SQL states of a connection that is gone (class 08) or a server going away (57P0x). */
  private static boolean lostConnection(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    return state.startsWith("08") || state.startsWith("57P");
  }

  private final Transactions tx;
  private final Supplier<List<NotificationChannel>> channels;
  private final Predicate<NotificationChannel> privateChannel;
  private final Messages messages;
  private final String hostname;
  private final Backoff backoff;
  private final RandomGenerator random;

  /** Outcomes not yet in the database (it went away); one dispatcher thread uses a Delivery. */
  private final List<Outcome> unrecorded = new ArrayList<>();

  Delivery(
      Transactions tx,
      Supplier<List<NotificationChannel>> channels,
      Predicate<NotificationChannel> privateChannel,
      Messages messages,
      String hostname,
      Backoff backoff,
      RandomGenerator random) {
    this.tx = tx;
    this.channels = channels;
    this.privateChannel = privateChannel;
    this.messages = messages;
    this.hostname = hostname;
    this.backoff = backoff;
    this.random = random;
  }

  /**
   * Runs one round.
   *
   * @return how many rows were claimed (0 when nothing was due or no channel is active: then the
   *     messages stay pending, recorded and visible)
   * @throws RuntimeException when the database cannot be reached; outcomes of messages already
   *     handed to a channel are kept and recorded by a later round
   */
  int round(int batchSize) {
    recordUnrecorded();
    List<NotificationChannel> active = channels.get();
    if (active.isEmpty()) {
      return 0;
    }
    List<OutboxRow> rows =
        tx.required(em -> OutboxStore.claim(connection(em), batchSize, LEASE.toMillis()));
    long handOutUntil = System.nanoTime() + LEASE.toNanos() / 2;
    for (int i = 0; i < rows.size(); i++) {
      // out of time, or the dispatcher is stopping: another round (or instance) takes the rest
      if (System.nanoTime() > handOutUntil || Thread.currentThread().isInterrupted()) {
        giveBack(rows.subList(i, rows.size()));
        break;
      }
      unrecorded.add(deliver(rows.get(i), active));
      try {
        recordUnrecorded();
      } catch (RuntimeException e) {
        giveBack(rows.subList(i + 1, rows.size()));
        throw e;
      }
    }
    recordUnrecorded();
    return rows.size();
  }

  /** Writes the kept outcomes in one transaction; they stay kept if it fails. */
  private void recordUnrecorded() {
    if (unrecorded.isEmpty()) {
      return;
    }
    // a stopping dispatcher (interrupted) still records what it did; the pool would refuse an
    // interrupted thread a connection
    boolean interrupted = Thread.interrupted();
    try {
      tx.required(
          em -> {
            Connection c = connection(em);
            for (Outcome outcome : unrecorded) {
              record(c, outcome);
            }
            return null;
          });
      unrecorded.clear();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Writes one outcome in a savepoint; if the database refuses it, marks the row failed instead
   * (itself in a savepoint, only logged if refused too). A lost connection is thrown: then every
   * outcome is kept for a later round.
   */
  private static void record(Connection c, Outcome outcome) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      outcome.write().record(c);
      c.releaseSavepoint(savepoint);
      return;
    } catch (SQLException e) {
      if (lostConnection(e)) {
        throw e;
      }
      c.rollback(savepoint);
      LOG.error(
          "Outbox message {}: its outcome cannot be recorded, marking it failed: {}",
          outcome.id(),
          e.getMessage(),
          e);
      Savepoint mark = c.setSavepoint();
      try {
        OutboxStore.broken(c, outcome.id(), truncate("outcome not recorded: " + e.getMessage()));
        c.releaseSavepoint(mark);
      } catch (SQLException refused) {
        if (lostConnection(refused)) {
          throw refused;
        }
        c.rollback(mark);
        LOG.error("Outbox message {} cannot be marked failed either", outcome.id(), refused);
      }
    }
  }

  /** Leased rows not handed to any channel become due again at once. */
  private void giveBack(List<OutboxRow> rows) {
    for (OutboxRow row : rows) {
      long id = row.id();
      unrecorded.add(new Outcome(id, c -> OutboxStore.release(c, id)));
    }
  }

  private Outcome deliver(OutboxRow row, List<NotificationChannel> active) {
    long id = row.id();
    int attempts = row.attempts() + 1;
    NotificationType type;
    Notification notification;
    try {
      type = NotificationType.ofCode(row.type());
      Map<String, String> data = EventData.read(row.data());
      String expires = data.get(NotificationEvent.EXPIRES);
      if (expires != null && !Instant.now().isBefore(Instant.parse(expires))) {
        LOG.info("Outbox message {} expired at {} before it could be delivered", id, expires);
        Set<String> deliveredTo = row.deliveredTo();
        return new Outcome(
            id, c -> OutboxStore.dead(c, id, attempts, EXPIRED + expires, deliveredTo));
      }
      notification = notification(row, type, data);
    } catch (RuntimeException e) {
      // bad data (IllegalArgumentException) or a template that breaks on it: this row alone
      LOG.warn("Outbox message {} cannot be rendered: {}", id, e.getMessage(), e);
      String error = truncate("cannot render: " + e.getMessage());
      Set<String> deliveredTo = row.deliveredTo();
      return new Outcome(id, c -> OutboxStore.dead(c, id, attempts, error, deliveredTo));
    }
    Set<String> delivered = new LinkedHashSet<>(row.deliveredTo());
    StringBuilder errors = new StringBuilder();
    List<NotificationChannel> eligible =
        type.confidential() ? active.stream().filter(privateChannel).toList() : active;
    if (eligible.isEmpty()) {
      errors.append("no private channel (email) is active for a confidential message");
    }
    for (NotificationChannel channel : eligible) {
      if (delivered.contains(channel.name())) {
        continue;
      }
      try {
        channel.deliver(notification);
        delivered.add(channel.name());
      } catch (DeliveryException | RuntimeException e) {
        LOG.debug("Channel {} could not deliver outbox message {}", channel.name(), id, e);
        errors
            .append(errors.isEmpty() ? "" : "; ")
            .append(channel.name())
            .append(": ")
            .append(e.getMessage());
      }
    }
    if (errors.isEmpty()) {
      return new Outcome(
          id, c -> OutboxStore.sent(c, List.of(new OutboxStore.Sent(id, delivered))));
    }
    String error = truncate(errors);
    if (backoff.exhausted(attempts)) {
      LOG.warn("Outbox message {} failed {} times, giving up: {}", id, attempts, errors);
      return new Outcome(id, c -> OutboxStore.dead(c, id, attempts, error, delivered));
    }
    long delay = backoff.delay(attempts, random).toMillis();
    LOG.info(
        "Outbox message {} not delivered (attempt {}), retry in {} ms: {}",
        id,
        attempts,
        delay,
        errors);
    return new Outcome(id, c -> OutboxStore.retry(c, id, attempts, delay, error, delivered));
  }

  private Notification notification(
      OutboxRow row, NotificationType type, Map<String, String> data) {
    Messages.Rendered m = messages.render(type, data);
    return new Notification(
        row.messageId(hostname), row.recipient(), m.subject(), m.text(), m.html());
  }

  private static String truncate(CharSequence error) {
    return error.length() <= MAX_ERROR_LENGTH
        ? error.toString()
        : error.subSequence(0, MAX_ERROR_LENGTH).toString();
  }

  /** The unit's connection of this transaction (EclipseLink begins it on unwrap). */
  static Connection connection(EntityManager em) {
    return em.unwrap(Connection.class);
  }
}
