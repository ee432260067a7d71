package cores.api.notify;

import org.osgi.annotation.versioning.ConsumerType;

/** A way of delivering notifications to people, e.g. email. */
@ConsumerType
public interface NotificationChannel {

  /** Short, stable name shown to admins, e.g. {@code smtp}. */
  String name();

  /**
   * Delivers the notification.
   *
   * @throws DeliveryException when it could not be delivered now; the caller retries later
   */
  void deliver(Notification notification) throws DeliveryException;
}
