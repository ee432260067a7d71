package cores.notify;

import cores.api.persistence.Transactions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher thread of this instance: runs {@link Delivery} rounds back to back while there is
 * work, pauses when nothing is due, and wakes early when a channel appears ({@link Channels}).
 * Several instances run side by side on one database; row locks divide the work. Started with its
 * configuration, not on demand: it offers no service (the outbox's desk reads the table, not the
 * dispatcher).
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

  private final LinkedBlockingQueue<Boolean> wake = new LinkedBlockingQueue<>();
  private final Runnable wakeUp = () -> wake.offer(Boolean.TRUE);
  private final Channels channels;
  private final Delivery delivery;
  private final int batchSize;
  private final long pollMillis;
  private final Thread thread;

  @Activate
  public Dispatcher(
      @Reference(target = "(" + Transactions.UNIT + "=cores.notify)") Transactions tx,
      @Reference Channels channels,
      NotifyConfig config) {
    this.channels = channels;
    this.batchSize = config.batchSize();
    this.pollMillis = config.pollIntervalMillis();
    this.delivery =
        new Delivery(
            tx,
            channels::active,
            channels::isPrivate,
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
    channels.whenOneAppears(wakeUp);
  }

  @Deactivate
  void stop() throws InterruptedException {
    channels.ignore(wakeUp);
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
