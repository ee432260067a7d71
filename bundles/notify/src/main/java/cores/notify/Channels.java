package cores.notify;

import cores.api.notify.NotificationChannel;
import cores.api.notify.NotificationType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active notification channels and which of them deliver to the recipient alone ({@link
 * NotificationChannel#PRIVATE}), tracked once for the outbox (whether a message can go out, the
 * desk's counts per channel) and the dispatcher (where a message goes; it wakes when one appears).
 * A service of this bundle only: its package is not exported.
 */
@Component(service = Channels.class)
public final class Channels {
  private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

  private final List<NotificationChannel> active = new CopyOnWriteArrayList<>();

  /** The channels registered with {@link NotificationChannel#PRIVATE}. */
  private final Set<NotificationChannel> privateChannels = ConcurrentHashMap.newKeySet();

  private final List<Runnable> onAppearing = new CopyOnWriteArrayList<>();

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      service = NotificationChannel.class)
  void addChannel(NotificationChannel channel, Map<String, Object> properties) {
    if (isPrivate(properties)) {
      privateChannels.add(channel);
    }
    active.add(channel);
    LOG.info("Notification channel {} active", channel.name());
    onAppearing.forEach(Runnable::run);
  }

  void removeChannel(NotificationChannel channel) {
    active.remove(channel);
    privateChannels.remove(channel);
    LOG.info("Notification channel {} gone", channel.name());
  }

  /** Whether a channel registered with these properties delivers to the recipient alone. */
  static boolean isPrivate(Map<String, Object> properties) {
    Object personal = properties.get(NotificationChannel.PRIVATE);
    return Boolean.TRUE.equals(personal) || "true".equals(personal);
  }

  /** The active channels now. */
  List<NotificationChannel> active() {
    return List.copyOf(active);
  }

  /** Whether this active channel delivers to the recipient alone. */
  boolean isPrivate(NotificationChannel channel) {
    return privateChannels.contains(channel);
  }

  /** Whether a message of this type can go out now: a confidential one only privately. */
  boolean delivers(NotificationType type) {
    return type.confidential() ? !privateChannels.isEmpty() : !active.isEmpty();
  }

  /** Names of the active channels. */
  List<String> names() {
    return active.stream().map(NotificationChannel::name).toList();
  }

  /** Runs {@code action} whenever a channel appears, until {@link #ignore}d. */
  void whenOneAppears(Runnable action) {
    onAppearing.add(action);
  }

  void ignore(Runnable action) {
    onAppearing.remove(action);
  }
}
