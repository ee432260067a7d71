package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import cores.api.notify.DeliveryException;
import cores.api.notify.NotificationChannel;
import cores.notify.smtp.SmtpChannel;
import cores.testing.TestDatabase;
import cores.testing.postgres.TestPostgres;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The dispatcher's rounds with the real SMTP channel against GreenMail on 127.0.0.1. */
class DeliveryTest {
  private static final String HOSTNAME = "cores.example.org";
  private static NotifyDatabase db;
  private static TestDatabase.Tx tx;

  private int port;
  private GreenMail mail;
  private final List<SmtpChannel> channels = new ArrayList<>();

  @BeforeAll
  static void database() throws Exception {
    db = new NotifyDatabase();
    tx = db.transactions("cores.notify");
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    tx.close();
    db.close();
  }

  @BeforeEach
  void smtp() throws Exception {
    db.execute("DELETE FROM notify_outbox");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    mail = startMail();
  }

  private GreenMail startMail() {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @AfterEach
  void stopSmtp() {
    channels.forEach(SmtpChannel::close);
    mail.stop();
  }

  private SmtpChannel channel() throws Exception {
    SmtpChannel channel = new SmtpChannel(new SmtpSettings(port, 2000));
    channels.add(channel);
    return channel;
  }

  private Delivery delivery(TestDatabase.Tx unit, List<NotificationChannel> active, Backoff b) {
    return new Delivery(
        unit,
        () -> active,
        SmtpChannel.class::isInstance,
        new Messages(Messages.site("https", HOSTNAME)),
        HOSTNAME,
        b,
        new SecureRandom());
  }

  private static Backoff fast(int maxAttempts) {
    return new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), maxAttempts);
  }

  /** Rows in the documented format (README): type, recipient, data as a JSON object. */
  static void enqueue(int n) throws Exception {
    db.execute(
        "INSERT INTO notify_outbox (type, recipient, data) SELECT 'booking_confirmed',"
            + " 'user' || i || '@example.org', jsonb_build_object('host', 'host-' || i, 'host_id',"
            + " i::text, 'start', '2026-12-01', 'end', '2026-12-02')"
            + " FROM generate_series(1, "
            + n
            + ") i");
  }

  private static long count(String status) throws Exception {
    return db.number("SELECT count(*) FROM notify_outbox WHERE status = '" + status + "'");
  }

  @Test
  void messagesArriveWithRecipientSubjectBothPartsAndAStableMessageId() throws Exception {
    enqueue(1);
    long id = db.number("SELECT id FROM notify_outbox");
    long created =
        db.number("SELECT floor(extract(epoch FROM created) * 1000)::bigint FROM notify_outbox");
    assertEquals(1, delivery(tx, List.of(channel()), fast(3)).round(20));
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("user1@example.org", m.getRecipients(Message.RecipientType.TO)[0].toString());
    assertEquals("cores@example.org", m.getFrom()[0].toString());
    assertEquals("Booking confirmed: host-1", m.getSubject());
    assertEquals("<outbox." + id + "." + created + "@" + HOSTNAME + ">", m.getMessageID());
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
    assertEquals(2, parts.getCount());
    assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
    assertTrue(
        parts
            .getBodyPart(0)
            .getContent()
            .toString()
            .contains("https://cores.example.org/hosts/1/"));
    assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
    assertTrue(
        parts
            .getBodyPart(1)
            .getContent()
            .toString()
            .contains("<a href=\"https://cores.example.org/hosts/1/\">host-1</a>"));
    assertEquals(1, count("sent"));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE sent_at IS NOT NULL AND delivered_to = '{smtp}'"));
  }

  @Test
  void hostileDataArrivesInert() throws Exception {
    db.execute(
        "INSERT INTO notify_outbox (type, recipient, data) VALUES ('booking_confirmed',"
            + " 'a@example.org', '{\"host\": \"<script>alert(1)</script>\", \"comment\": \"<b onclick=x>\"}')");
    delivery(tx, List.of(channel()), fast(3)).round(20);
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMultipart parts = (MimeMultipart) mail.getReceivedMessages()[0].getContent();
    String html = parts.getBodyPart(1).getContent().toString();
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(!html.contains("<script>") && !html.contains("<b onclick"), html);
  }

  @Test
  void aRowWhoseOutcomeTheDatabaseRefusesIsMarkedFailedAndTheOthersGoOn() throws Exception {
    enqueue(5);
    // a real refusal by the database, for one row's outcome only
    db.execute(
        "CREATE FUNCTION refuse_user3() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.status = 'sent' AND NEW.recipient = 'user3@example.org' THEN"
            + " RAISE EXCEPTION 'user3 refused'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_user3 BEFORE UPDATE ON notify_outbox"
            + " FOR EACH ROW EXECUTE FUNCTION refuse_user3()");
    try {
      Delivery d = delivery(tx, List.of(channel()), fast(3));
      assertEquals(5, d.round(20));
      assertEquals(4, count("sent"));
      assertEquals(1, count("failed"));
      assertEquals(
          1,
          db.number(
              "SELECT count(*) FROM notify_outbox WHERE recipient = 'user3@example.org'"
                  + " AND status = 'failed' AND last_error LIKE 'outcome not recorded: %user3"
                  + " refused%'"));
      // the next rounds are not held up by it
      db.execute(
          "INSERT INTO notify_outbox (type, recipient, data) VALUES ('booking_confirmed',"
              + " 'late@example.org', '{\"host\": \"h\", \"host_id\": \"1\"}')");
      assertEquals(1, d.round(20));
      assertEquals(5, count("sent"));
      assertTrue(mail.waitForIncomingEmail(5000, 6));
    } finally {
      db.execute("DROP TRIGGER refuse_user3 ON notify_outbox", "DROP FUNCTION refuse_user3()");
    }
  }

  @Test
  void withoutChannelsMessagesStayPending() throws Exception {
    enqueue(3);
    assertEquals(0, delivery(tx, List.of(), fast(3)).round(20));
    assertEquals(3, count("pending"));
    assertEquals(0, db.number("SELECT sum(attempts) FROM notify_outbox"));
  }

  @Test
  void whileSmtpIsDownMessagesWaitAndAllArriveOnceWhenItIsBack() throws Exception {
    enqueue(30);
    mail.stop();
    Delivery d = delivery(tx, List.of(channel()), fast(1000));
    // rounds until every message has been tried once (bounded: a slow machine takes more rounds)
    // only a guard against a hang: a loaded machine took over a minute for the thousand
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (db.number("SELECT min(attempts) FROM notify_outbox") < 1 && System.nanoTime() < until) {
      d.round(20);
    }
    assertEquals(30, count("pending"));
    assertTrue(db.number("SELECT min(attempts) FROM notify_outbox") >= 1);
    assertTrue(
        db.number("SELECT count(*) FROM notify_outbox WHERE last_error LIKE 'smtp: %'") == 30);
    mail = startMail();
    drain(d);
    assertEquals(30, count("sent"));
    assertTrue(mail.waitForIncomingEmail(5000, 30));
    Thread.sleep(300);
    assertUnique(mail.getReceivedMessages(), 30);
  }

  @Test
  void afterMaxAttemptsAMessageIsFailedAndAnAdminCanRequeueIt() throws Exception {
    enqueue(2);
    mail.stop();
    Delivery d = delivery(tx, List.of(channel()), fast(3));
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (count("failed") < 2 && System.nanoTime() < until) {
      d.round(20);
      Thread.sleep(20);
    }
    assertEquals(2, count("failed"));
    assertEquals(2, db.number("SELECT count(*) FROM notify_outbox WHERE attempts = 3"));
    long one = db.number("SELECT min(id) FROM notify_outbox");
    int requeuedOne = tx.required(em -> OutboxStore.requeue(Delivery.connection(em), one));
    assertEquals(1, requeuedOne);
    int requeuedAll = tx.required(em -> OutboxStore.requeue(Delivery.connection(em), null));
    assertEquals(1, requeuedAll);
    assertEquals(
        2,
        db.number("SELECT count(*) FROM notify_outbox WHERE status = 'pending' AND attempts = 0"));
    mail = startMail();
    drain(d);
    assertTrue(mail.waitForIncomingEmail(5000, 2));
  }

  @Test
  void confidentialMessagesGoOnlyToPrivateChannelsAndLoseTheirSecretOnceSent() throws Exception {
    db.execute(
        "INSERT INTO notify_outbox (type, recipient, data) VALUES ('password_reset',"
            + " 'ann@example.org', '{\"username\": \"ann\", \"token\": \"k3y\"}')");
    ChatRoom room = new ChatRoom();
    Delivery d = delivery(tx, List.of(room), fast(10));
    d.round(20);
    assertEquals(List.of(), room.posted, "a chat room never gets a reset link");
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'pending' AND attempts = 1"
                + " AND last_error LIKE 'no private channel%' AND data ? 'token'"));

    db.execute("UPDATE notify_outbox SET next_attempt_at = now()");
    delivery(tx, List.of(room, channel()), fast(10)).round(20);
    assertEquals(List.of(), room.posted);
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    String text =
        ((MimeMultipart) mail.getReceivedMessages()[0].getContent())
            .getBodyPart(0)
            .getContent()
            .toString();
    assertTrue(text.contains("https://cores.example.org/password-reset/k3y"), text);
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'sent'"
                + " AND NOT data ? 'token' AND data ->> 'username' = 'ann'"));
  }

  @Test
  void aDeadMessageLosesItsSecretToo() throws Exception {
    db.execute(
        "INSERT INTO notify_outbox (type, recipient, data, attempts) VALUES ('password_reset',"
            + " 'ann@example.org', '{\"token\": \"k3y\"}', 2)");
    delivery(tx, List.of(new ChatRoom()), fast(3)).round(20);
    assertEquals(
        1, db.number("SELECT count(*) FROM notify_outbox WHERE status = 'failed' AND data = '{}'"));
  }

  /** A channel that posts where several people read, as the webhook plugin does. */
  private static final class ChatRoom implements NotificationChannel {
    final List<String> posted = new ArrayList<>();

    @Override
    public String name() {
      return "room";
    }

    @Override
    public void deliver(cores.api.notify.Notification notification) {
      posted.add(notification.text());
    }
  }

  /**
   * The database goes away (the connection ended, new ones refused) right after the mail server
   * accepted a message: its outcome is kept and recorded when the database is back, the rest of the
   * batch waits, and every message goes out exactly once.
   */
  @Test
  void aDatabaseOutageAfterTheMailServerAcceptedAMessageDoesNotSendItTwice() throws Exception {
    enqueue(5);
    TestPostgres.Address server = TestPostgres.address();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {server.host()});
    source.setPortNumbers(new int[] {server.port()});
    source.setDatabaseName(db.name());
    source.setUser(TestDatabase.USER);
    source.setStringType("unspecified");
    source.setApplicationName("notify-outage-test");
    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    SmtpChannel smtp = channel();
    AtomicInteger accepted = new AtomicInteger();
    NotificationChannel thenTheDatabaseGoes =
        new NotificationChannel() {
          @Override
          public String name() {
            return smtp.name();
          }

          @Override
          public void deliver(cores.api.notify.Notification n) throws DeliveryException {
            smtp.deliver(n);
            if (accepted.incrementAndGet() == 2) {
              source.setPortNumbers(new int[] {closed});
              try {
                db.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'notify-outage-test'");
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            }
          }
        };
    try (TestDatabase.Tx unit =
        TestDatabase.transactions("cores.notify", source, source::getConnection)) {
      Delivery d = delivery(unit, List.of(thenTheDatabaseGoes), fast(1000));
      assertThrows(RuntimeException.class, () -> d.round(20));
      // still away: the kept outcome cannot be recorded, and nothing else is handed out
      assertThrows(RuntimeException.class, () -> d.round(20));
      assertEquals(2, mail.getReceivedMessages().length);
      source.setPortNumbers(new int[] {server.port()});
      drain(d);
    }
    assertEquals(5, count("sent"));
    assertTrue(mail.waitForIncomingEmail(5000, 5));
    Thread.sleep(300);
    assertUnique(mail.getReceivedMessages(), 5);
  }

  /** Stopping the dispatcher (an interrupt) mid-batch gives back what it has not handed out. */
  @Test
  void aDispatcherStoppedMidBatchGivesBackTheRestAtOnce() throws Exception {
    enqueue(5);
    SmtpChannel smtp = channel();
    NotificationChannel stopsAfterOne =
        new NotificationChannel() {
          @Override
          public String name() {
            return smtp.name();
          }

          @Override
          public void deliver(cores.api.notify.Notification n) throws DeliveryException {
            smtp.deliver(n);
            Thread.currentThread().interrupt();
          }
        };
    try {
      assertEquals(5, delivery(tx, List.of(stopsAfterOne), fast(10)).round(20));
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt stays for the dispatcher's loop");
    }
    assertEquals(1, count("sent"));
    assertEquals(
        4,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'pending' AND attempts = 0"
                + " AND next_attempt_at <= now()"));
  }

  @Test
  void aRowThatCannotBeRenderedFailsAtOnce() throws Exception {
    db.execute(
        "INSERT INTO notify_outbox (type, recipient) VALUES ('no_such_type', 'a@example.org')");
    delivery(tx, List.of(channel()), fast(10)).round(20);
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'failed' AND attempts = 1"
                + " AND last_error LIKE 'cannot render: unknown notification type%'"));
  }

  @Test
  void twoDispatchersDeliverAThousandMessagesNoneTwiceNoneMissing() throws Exception {
    enqueue(1000);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (TestDatabase.Tx other = db.transactions("cores.notify")) {
      Delivery first = delivery(tx, List.of(channel()), fast(1000));
      Delivery second = delivery(other, List.of(channel()), fast(1000));
      Future<Integer> a = pool.submit(() -> drain(first));
      Future<Integer> b = pool.submit(() -> drain(second));
      int byFirst = a.get();
      int bySecond = b.get();
      assertEquals(1000, byFirst + bySecond);
      assertTrue(byFirst > 0 && bySecond > 0, byFirst + " / " + bySecond);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1000, count("sent"));
    assertTrue(mail.waitForIncomingEmail(10_000, 1000));
    Thread.sleep(300);
    assertUnique(mail.getReceivedMessages(), 1000);
  }

  /** Rounds until nothing is pending; returns how many rows this dispatcher claimed. */
  private static int drain(Delivery d) throws Exception {
    int claimed = 0;
    // only a guard against a hang: a loaded machine took over a minute for the thousand
    long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (count("pending") > 0 && System.nanoTime() < until) {
      int n = d.round(20);
      claimed += n;
      if (n == 0) {
        Thread.sleep(20);
      }
    }
    return claimed;
  }

  private static void assertUnique(MimeMessage[] received, int expected) throws Exception {
    Set<String> ids = new HashSet<>();
    Set<String> recipients = new HashSet<>();
    for (MimeMessage m : received) {
      ids.add(m.getMessageID());
      recipients.add(m.getRecipients(Message.RecipientType.TO)[0].toString());
    }
    assertEquals(expected, received.length, "messages received");
    assertEquals(expected, ids.size(), "distinct Message-IDs");
    assertEquals(expected, recipients.size(), "distinct recipients");
  }
}
