package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import cores.api.notify.NotificationChannel;
import cores.notify.smtp.SmtpChannel;
import cores.testing.TestDatabase;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component: its thread waits while no channel is active and delivers once one appears. */
class DispatcherTest {

  @Test
  void waitsForAChannelThenDeliversAndStops() throws Exception {
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    try (NotifyDatabase db = new NotifyDatabase();
        TestDatabase.Tx tx = db.transactions("cores.notify")) {
      db.execute(
          "INSERT INTO notify_outbox (type, recipient, data) SELECT 'booking_ended',"
              + " 'u' || i || '@example.org', '{\"host\": \"h\", \"host_id\": \"1\"}'"
              + " FROM generate_series(1, 45) i");
      Channels channels = new Channels();
      Dispatcher dispatcher = new Dispatcher(tx, channels, new Config());
      try {
        Thread.sleep(700);
        assertEquals(45, db.number("SELECT count(*) FROM notify_outbox WHERE status = 'pending'"));
        assertEquals(List.of(), channels.names());
        try (SmtpChannel channel =
            new SmtpChannel(new SmtpSettings(mail.getSmtp().getPort(), 2000))) {
          // the pause is 60 s: only the wake-up on a new channel gets this delivered in time
          channels.addChannel(channel, Map.of(NotificationChannel.PRIVATE, true));
          assertEquals(List.of("smtp"), channels.names());
          assertTrue(mail.waitForIncomingEmail(10_000, 45));
          long until = System.nanoTime() + 10_000_000_000L;
          while (db.number("SELECT count(*) FROM notify_outbox WHERE status = 'sent'") < 45) {
            assertTrue(System.nanoTime() < until, "rows not marked sent");
            Thread.sleep(50);
          }
          channels.removeChannel(channel);
        }
      } finally {
        dispatcher.stop();
      }
      assertFalse(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(t -> t.getName().equals("cores-notify-dispatcher") && t.isAlive()),
          "the dispatcher thread ended");
    } finally {
      mail.stop();
    }
  }

  /** The configuration as Config Admin passes it; a long pause, batches of 20. */
  private static final class Config implements NotifyConfig {
    @Override
    public Class<? extends Annotation> annotationType() {
      return NotifyConfig.class;
    }

    @Override
    public String hostname() {
      return "cores.example.org";
    }

    @Override
    public String scheme() {
      return "https";
    }

    @Override
    public int batchSize() {
      return 20;
    }

    @Override
    public long pollIntervalMillis() {
      return 60_000;
    }

    @Override
    public int maxAttempts() {
      return 3;
    }

    @Override
    public long retryBaseMillis() {
      return 1000;
    }

    @Override
    public long retryMaxMillis() {
      return 5000;
    }
  }
}
