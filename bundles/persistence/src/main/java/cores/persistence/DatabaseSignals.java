package cores.persistence;

import cores.api.persistence.Signals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Signals} from one connection of its own that LISTENs on every channel asked for, on a
 * thread of its own. A generation is trusted only while the connection proved alive lately: a
 * listener cut off from the server without noticing (a network that drops packets) would miss
 * notifications, so after {@link #TRUSTED_MILLIS} without a proof every channel answers {@code -1}
 * and nothing is kept until it listens again.
 */
@Component(service = {Signals.class, DatabaseSignals.class})
public final class DatabaseSignals implements Signals {

  /** Opens the connection to listen on. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  /**
   * How long one wait for notifications lasts; a proof of life ({@code SELECT 1}) follows a wait
   * when nothing came from the server for as long.
   */
  static final int WAIT_MILLIS = 500;

  /** A proof of life older than this and the channels answer {@code -1}. */
  static final long TRUSTED_MILLIS = 3000;

  private static final long RETRY_MILLIS = 1000;
  private static final int PROOF_TIMEOUT_MILLIS = 2000;
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseSignals.class);

  private final Connector connector;

  /** Each channel's generation, {@code -1} while not listened on. */
  private final Map<String, Long> generations = new ConcurrentHashMap<>();

  /** Generations are drawn from one counter, so a number never comes back after a reconnection. */
  private final AtomicLong counter = new AtomicLong();

  private final Thread listener;
  private volatile long provenAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private volatile boolean running = true;
  private volatile Connection connection;

  @Activate
  public DatabaseSignals(@Reference Database database) {
    this(database::connectListener);
  }

  /** Signals listening through connections of {@code connector} (tests: another instance's). */
  public static DatabaseSignals listeningThrough(Connector connector) {
    return new DatabaseSignals(connector);
  }

  private DatabaseSignals(Connector connector) {
    this.connector = connector;
    listener = new Thread(this::run, "cores-signals");
    listener.setDaemon(true);
    listener.start();
  }

  @Override
  public long generation(String channel) {
    Long generation = generations.get(channel);
    if (generation == null) {
      if (!CHANNEL.matcher(channel).matches()) {
        throw new IllegalArgumentException("not a channel name: " + channel);
      }
      generations.putIfAbsent(channel, -1L);
      return -1;
    }
    if (generation < 0
        || System.nanoTime() - provenAt > TimeUnit.MILLISECONDS.toNanos(TRUSTED_MILLIS)) {
      return -1;
    }
    return generation;
  }

  /**
   * A read-write transaction of the persistence unit committed on this instance: counts as a signal
   * on the unit's channel at once ({@link Signals}), before its notification comes back.
   */
  public void committed(String unit) {
    generations.computeIfPresent(
        channel(unit),
        (channel, generation) -> generation < 0 ? generation : counter.incrementAndGet());
  }

  /** The channel named after a persistence unit. */
  static String channel(String unit) {
    return unit.replace('.', '_');
  }

  /** Stops listening and closes the connection. */
  @Deactivate
  public void close() {
    running = false;
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        LOG.debug("closing the signals' connection", e);
      }
    }
    listener.interrupt();
    try {
      listener.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean lost = false;
    while (running) {
      try (Connection c = connector.connect()) {
        connection = c;
        if (lost) {
          LOG.info("Listening for signals again");
          lost = false;
        }
        listen(c);
      } catch (SQLException | RuntimeException e) {
        if (running && !lost) {
          LOG.warn(
              "The connection listening for signals failed ({}); rows kept by other bundles are"
                  + " not served until it is back",
              e.toString());
          lost = true;
        }
      } finally {
        connection = null;
        generations.replaceAll((channel, generation) -> -1L);
      }
      pause();
    }
  }

  private void listen(Connection c) throws SQLException {
    PGConnection postgres = c.unwrap(PGConnection.class);
    Set<String> listening = new HashSet<>();
    // a server that stopped answering fails the read instead of blocking the thread for good
    c.setNetworkTimeout(Runnable::run, PROOF_TIMEOUT_MILLIS);
    try (Statement statement = c.createStatement()) {
      while (running) {
        for (String channel : generations.keySet()) {
          if (listening.add(channel)) {
            statement.execute("LISTEN " + channel);
            // what was kept before this point may have missed a notification
            generations.put(channel, counter.incrementAndGet());
          }
        }
        if (System.nanoTime() - provenAt >= TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS)) {
          statement.execute("SELECT 1");
          provenAt = System.nanoTime();
        }
        PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
        if (notifications != null && notifications.length > 0) {
          // what came from the server proves the connection as well
          provenAt = System.nanoTime();
          for (PGNotification notification : notifications) {
            generations.computeIfPresent(
                notification.getName(), (k, v) -> counter.incrementAndGet());
          }
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
