package cores.accounts;

import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.notify.Outbox;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An outbox that records the events it is given. A stand-in: the real one is the notify bundle's,
 * whose tests depend on this bundle (so this one cannot use it); the notify bundle's tests and
 * AccountPagesIT run the password reset mail through it. Like the real one, it needs the caller's
 * transaction, and it can be told to fail, as the real one does when its table is unreachable, or
 * to have no mail channel.
 */
final class RecordingOutbox implements Outbox {
  final List<NotificationEvent> events = new CopyOnWriteArrayList<>();
  volatile boolean failing;
  volatile boolean mailing = true;

  @Override
  public OptionalLong enqueue(EntityManager em, NotificationEvent event) {
    if (!em.getTransaction().isActive()) {
      throw new IllegalStateException("enqueue needs the caller's active transaction");
    }
    if (failing) {
      throw new IllegalStateException("the notification could not be recorded");
    }
    events.add(event);
    return OptionalLong.of(events.size());
  }

  @Override
  public Map<String, Long> counts() {
    return Map.of("pending", (long) events.size());
  }

  @Override
  public boolean delivers(NotificationType type) {
    return mailing;
  }
}
