package cores.notify;

import cores.api.notify.NotificationChannel;
import cores.api.persistence.Transactions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher thread of this instance: runs {@link Delivery} rounds back to back while there is
 * work, pauses when nothing is due, and wakes early when a channel appears. Several instances run
 * side by side on one database; row locks divide the work. Started with its configuration, not on
 * demand: it offers no service (the outbox's desk reads the table, not the dispatcher).
 */
@Component(
    immediate = true,
    configurationPid = NotifyConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NotifyConfig.class)
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Pause after a failed round (database unreachable), so the log is not flooded. */
  private static final long ERROR_PAUSE_MILLIS = 5000;

  private final List<NotificationChannel> channels = new CopyOnWriteArrayList<>();

  /** The channels registered with {@link NotificationChannel#PRIVATE}. */
  private final Set<NotificationChannel> privateChannels = ConcurrentHashMap.newKeySet();

  private final LinkedBlockingQueue<Boolean> wake = new LinkedBlockingQueue<>();
  private final Delivery delivery;
  private final int batchSize;
  private final long pollMillis;
  private final Thread thread;

  @Activate
  public Dispatcher(
      @Reference(target = "(" + Transactions.UNIT + "=cores.notify)") Transactions tx,
      NotifyConfig config) {
    this.batchSize = config.batchSize();
    this.pollMillis = config.pollIntervalMillis();
    this.delivery =
        new Delivery(
            tx,
            () -> List.copyOf(channels),
            privateChannels::contains,
            new Messages(Messages.site(config.scheme(), config.hostname())),
            config.hostname().strip(),
            new Backoff(
                Duration.ofMillis(config.retryBaseMillis()),
                Duration.ofMillis(config.retryMaxMillis()),
                config.maxAttempts()),
            new SecureRandom());
    this.thread = new Thread(this::run, "cores-notify-dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      service = NotificationChannel.class)
  void addChannel(NotificationChannel channel, Map<String, Object> properties) {
    if (isPrivate(properties)) {
      privateChannels.add(channel);
    }
    channels.add(channel);
    LOG.info("Notification channel {} active", channel.name());
    wake.offer(Boolean.TRUE);
  }

  /** Whether a channel registered with these properties delivers to the recipient alone. */
  static boolean isPrivate(Map<String, Object> properties) {
    Object personal = properties.get(NotificationChannel.PRIVATE);
    return Boolean.TRUE.equals(personal) || "true".equals(personal);
  }

  void removeChannel(NotificationChannel channel) {
    channels.remove(channel);
    privateChannels.remove(channel);
    LOG.info("Notification channel {} gone", channel.name());
  }

  /** Names of the active channels. */
  public List<String> channelNames() {
    return channels.stream().map(NotificationChannel::name).toList();
  }

  @Deactivate
  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(30));
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        int claimed = delivery.round(batchSize);
        if (claimed < batchSize) {
          wake.poll(pollMillis, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        LOG.warn("Outbox dispatch failed; retrying in {} ms", ERROR_PAUSE_MILLIS, e);
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(ERROR_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
