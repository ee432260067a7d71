package cores.notify;

import cores.api.notify.DeliveryException;
import cores.api.notify.Notification;
import cores.api.notify.NotificationChannel;
import cores.api.notify.NotificationType;
import cores.api.persistence.Transactions;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch round: claims a batch of due rows, hands each message to every active channel that
 * has not accepted it yet, and records the outcome, all in one transaction. A row is {@code sent}
 * when every channel accepted it; otherwise it is retried later with backoff, or marked {@code
 * failed} when its attempts are used up. A message that cannot be rendered (an unknown type or bad
 * data written by hand) fails at once: retrying would not help.
 *
 * <p>A {@linkplain NotificationType#confidential() confidential} message (a password reset link)
 * goes only to private channels (email), never to one that posts where others read; while none is
 * active it waits, retried with backoff like a failed delivery.
 *
 * <p>The rows stay locked while the channels work, so another instance skips them. If the process
 * dies between a channel's acceptance and the commit, the row is delivered again later: the stable
 * Message-ID makes that repeat recognisable.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final int MAX_ERROR_LENGTH = 2000;

  private final Transactions tx;
  private final Supplier<List<NotificationChannel>> channels;
  private final Predicate<NotificationChannel> privateChannel;
  private final Messages messages;
  private final String hostname;
  private final Backoff backoff;
  private final RandomGenerator random;

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
   */
  int round(int batchSize) {
    List<NotificationChannel> active = channels.get();
    if (active.isEmpty()) {
      return 0;
    }
    return tx.required(
        em -> {
          Connection c = connection(em);
          List<OutboxRow> rows = OutboxStore.claim(c, batchSize);
          List<OutboxStore.Sent> sent = new ArrayList<>(rows.size());
          for (OutboxRow row : rows) {
            deliver(c, row, active, sent);
          }
          OutboxStore.sent(c, sent);
          return rows.size();
        });
  }

  private void deliver(
      Connection c, OutboxRow row, List<NotificationChannel> active, List<OutboxStore.Sent> sent)
      throws SQLException {
    int attempts = row.attempts() + 1;
    NotificationType type;
    Notification notification;
    try {
      type = NotificationType.ofCode(row.type());
      notification = notification(row, type);
    } catch (IllegalArgumentException e) {
      LOG.warn("Outbox message {} cannot be rendered: {}", row.id(), e.getMessage());
      OutboxStore.dead(
          c, row.id(), attempts, "cannot render: " + e.getMessage(), row.deliveredTo());
      return;
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
        LOG.debug("Channel {} could not deliver outbox message {}", channel.name(), row.id(), e);
        errors
            .append(errors.isEmpty() ? "" : "; ")
            .append(channel.name())
            .append(": ")
            .append(e.getMessage());
      }
    }
    if (errors.isEmpty()) {
      sent.add(new OutboxStore.Sent(row.id(), delivered));
    } else if (backoff.exhausted(attempts)) {
      LOG.warn("Outbox message {} failed {} times, giving up: {}", row.id(), attempts, errors);
      OutboxStore.dead(c, row.id(), attempts, truncate(errors), delivered);
    } else {
      long delay = backoff.delay(attempts, random).toMillis();
      LOG.info(
          "Outbox message {} not delivered (attempt {}), retry in {} ms: {}",
          row.id(),
          attempts,
          delay,
          errors);
      OutboxStore.retry(c, row.id(), attempts, delay, truncate(errors), delivered);
    }
  }

  private Notification notification(OutboxRow row, NotificationType type) {
    Messages.Rendered m = messages.render(type, EventData.read(row.data()));
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
