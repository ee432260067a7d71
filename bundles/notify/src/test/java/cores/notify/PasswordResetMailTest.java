package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import cores.accounts.AccountsConfig;
import cores.accounts.PasswordResetService;
import cores.accounts.PasswordRules;
import cores.api.notify.NotificationChannel;
import cores.notify.smtp.SmtpChannel;
import cores.testing.TestDatabase;
import jakarta.mail.internet.MimeMultipart;
import java.lang.annotation.Annotation;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The accounts bundle's password reset through this bundle's real outbox and the SMTP channel: the
 * key written in the accounts unit's transaction arrives as a link to the reset page under the
 * HOSTNAME, the link's key is the live one, and the sent row no longer holds it.
 */
class PasswordResetMailTest {
  private static final Pattern LINK =
      Pattern.compile("https://cores\\.example\\.org/password-reset/([A-Za-z0-9_-]{43})\\n");

  private GreenMail mail;
  private NotifyDatabase db;
  private TestDatabase.Tx accounts;
  private TestDatabase.Tx notify;
  private SmtpChannel smtp;

  /** A database with the user ann, her account's unit and the outbox's, and a mail server. */
  @BeforeEach
  void start() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    db = new NotifyDatabase();
    accounts = db.transactions("cores.accounts");
    notify = db.transactions("cores.notify");
    smtp = new SmtpChannel(new SmtpSettings(mail.getSmtp().getPort(), 2000));
    db.execute(
        "INSERT INTO auth_user (username, email, password) VALUES"
            + " ('ann', 'ann@example.org', 'pbkdf2_sha256$1000$salt$"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')");
  }

  @AfterEach
  void stop() throws Exception {
    smtp.close();
    mail.stop();
    notify.close();
    accounts.close();
    db.close();
  }

  @Test
  void theMailedLinkCarriesTheLiveKeyAndTheOutboxForgetsIt() throws Exception {
    PasswordResetService resets = request("ANN@example.org");
    assertEquals(1, delivery().round(10));
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    String text =
        ((MimeMultipart) mail.getReceivedMessages()[0].getContent())
            .getBodyPart(0)
            .getContent()
            .toString()
            .replace("\r\n", "\n");
    Matcher link = LINK.matcher(text);
    assertTrue(link.find(), text);
    assertEquals("ann", resets.check(link.group(1)).orElseThrow().username());
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE type = 'password_reset'"
                + " AND status = 'sent' AND NOT data ? 'token'"));
  }

  @Test
  void aLinkThatExpiredBeforeItCouldBeMailedIsNotMailed() throws Exception {
    request("ann@example.org");
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox o, auth_password_reset r WHERE abs(extract("
                + "epoch FROM (o.data ->> 'expires')::timestamptz - r.expires)) < 0.001"),
        "the mail expires with its key");
    // the mail server was away until the key expired
    db.execute(
        "UPDATE notify_outbox SET data = jsonb_set(data, '{expires}',"
            + " to_jsonb(now() - interval '1 second'))");
    assertEquals(1, delivery().round(10));
    assertFalse(mail.waitForIncomingEmail(1000, 1), "a dead link is not mailed");
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'failed'"
                + " AND last_error LIKE 'not sent: expired before it could be delivered, at %'"
                + " AND NOT data ? 'token'"));
  }

  /** Asks for a link, through an outbox whose mail channel is active, and waits for it. */
  private PasswordResetService request(String email) throws InterruptedException {
    Channels channels = new Channels();
    channels.addChannel(smtp, Map.of(NotificationChannel.PRIVATE, true));
    OutboxService outbox = new OutboxService(notify, channels);
    PasswordResetService resets =
        new PasswordResetService(accounts, outbox, new PasswordRules(), new ResetConfig());
    resets.request(email);
    resets.stop(); // the request is handled after the answer: wait for it
    return resets;
  }

  private Delivery delivery() {
    return new Delivery(
        notify,
        () -> List.of(smtp),
        SmtpChannel.class::isInstance,
        new Messages(Messages.site("https", "cores.example.org")),
        "cores.example.org",
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 3),
        new SecureRandom());
  }

  /** The accounts configuration as Config Admin passes its defaults. */
  private static final class ResetConfig implements AccountsConfig {
    @Override
    public Class<? extends Annotation> annotationType() {
      return AccountsConfig.class;
    }

    @Override
    public int sessionTimeoutMinutes() {
      return 60;
    }

    @Override
    public int throttleFreeFailures() {
      return 5;
    }

    @Override
    public int throttleUserFailures() {
      return 100;
    }

    @Override
    public int throttleMaxDelaySeconds() {
      return 900;
    }

    @Override
    public int passwordResetMinutes() {
      return 60;
    }

    @Override
    public int passwordResetsPerHour() {
      return 3;
    }
  }
}
