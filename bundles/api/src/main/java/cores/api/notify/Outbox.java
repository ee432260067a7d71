package cores.api.notify;

import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The notification outbox: the only way the domain sends anything. Registered by the notify bundle
 * once its table exists.
 *
 * <p>Every bundle has its own persistence unit and units do not share transactions, so the event is
 * written through the <em>caller's</em> EntityManager, inside the caller's transaction (a native
 * {@code INSERT} into the {@code notify_outbox} table): it is recorded if and only if the caller's
 * change commits. A booking that rolls back sends nothing. A dispatcher of the notify bundle
 * delivers it later, at least once, to every active {@link NotificationChannel}.
 *
 * <p>Usage, from inside {@code Transactions.required}:
 *
 * <pre>{@code
 * tx.required(em -> {
 *   em.persist(booking);
 *   outbox.enqueue(em, NotificationEvent.toUser(NotificationType.BOOKING_CONFIRMED, owner, data));
 *   return booking;
 * });
 * }</pre>
 */
@ProviderType
public interface Outbox {

  /**
   * Records the event in the caller's transaction. A reminder for a user who turned reminders off
   * is not recorded.
   *
   * @param em the caller's EntityManager, with an active transaction
   * @return the outbox row id, or empty when nothing was recorded (reminders off)
   * @throws IllegalStateException when {@code em} has no active transaction
   * @throws IllegalArgumentException when the user id names no user
   */
  OptionalLong enqueue(EntityManager em, NotificationEvent event);

  /**
   * How many messages the outbox holds per status, for admin views: {@code pending} (queued or
   * waiting for a retry; also everything while no channel is active), {@code sent}, and {@code
   * failed} (dead letters: attempts used up, or not deliverable at all).
   */
  Map<String, Long> counts();

  /**
   * Whether a message of this type would go out now: an active channel takes it, for a {@linkplain
   * NotificationType#confidential() confidential} type one that delivers to the recipient alone
   * (email). While none does, messages are recorded and wait as pending.
   */
  boolean delivers(NotificationType type);
}
