package cores.api.notify;

import org.osgi.annotation.versioning.ConsumerType;

/** A way of delivering notifications to people, e.g. email. */
@ConsumerType
public interface NotificationChannel {

  /**
   * Service property ({@code true}) of a channel that delivers each message to its recipient alone,
   * such as email: only such channels get {@linkplain NotificationType#confidential() confidential}
   * messages. A channel that posts where several people read (a chat room) must not set it.
   */
  String PRIVATE = "cores.notify.private";

  /** Short, stable name shown to admins, e.g. {@code smtp}. */
  String name();

  /**
   * Delivers the notification.
   *
   * @throws DeliveryException when it could not be delivered now; the caller retries later
   */
  void deliver(Notification notification) throws DeliveryException;
}
