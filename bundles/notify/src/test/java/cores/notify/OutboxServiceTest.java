package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.notify.ChannelCounts;
import cores.api.notify.FailedMessage;
import cores.api.notify.Notification;
import cores.api.notify.NotificationChannel;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxServiceTest {
  private static NotifyDatabase db;
  private static TestDatabase.Tx tx;
  private final Channels channels = new Channels();
  private final OutboxService outbox = new OutboxService(tx, channels);

  @BeforeAll
  static void start() throws Exception {
    db = new NotifyDatabase();
    tx = db.transactions("cores.notify");
  }

  @AfterAll
  static void stop() throws Exception {
    tx.close();
    db.close();
  }

  @BeforeEach
  void empty() throws Exception {
    db.execute(
        "DELETE FROM notify_outbox; DELETE FROM notify_retry; DELETE FROM auth_user;"
            + " DELETE FROM cores_change");
  }

  static long user(NotifyDatabase db, String name, String email, boolean reminders)
      throws Exception {
    return db.number(
        "INSERT INTO auth_user (username, password, email, receive_reminders) VALUES ('"
            + name
            + "', '!', '"
            + email
            + "', "
            + reminders
            + ") RETURNING id");
  }

  @Test
  void aRolledBackChangeRecordsNothing() throws Exception {
    long ann = user(db, "ann", "ann@example.org", true);
    assertThrows(
        IllegalStateException.class,
        () ->
            tx.required(
                em -> {
                  outbox.enqueue(
                      em,
                      NotificationEvent.toUser(NotificationType.BOOKING_CONFIRMED, ann, Map.of()));
                  throw new IllegalStateException("the booking failed");
                }));
    assertEquals(0, db.number("SELECT count(*) FROM notify_outbox"));
  }

  @Test
  void aCommittedChangeRecordsTheEventWithTheUsersAddress() throws Exception {
    long ann = user(db, "ann", "ann@example.org", true);
    OptionalLong id =
        tx.required(
            em ->
                outbox.enqueue(
                    em,
                    NotificationEvent.toUser(
                        NotificationType.BOOKING_CONFIRMED, ann, Map.of("host", "h1"))));
    assertTrue(id.isPresent());
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE id = "
                + id.getAsLong()
                + " AND recipient = 'ann@example.org' AND status = 'pending'"
                + " AND type = 'booking_confirmed' AND data ->> 'host' = 'h1' AND user_id = "
                + ann));
  }

  @Test
  void remindersHonourTheUsersPreferenceConfirmationsDoNot() throws Exception {
    long bob = user(db, "bob", "bob@example.org", false);
    assertTrue(
        tx.required(
                em ->
                    outbox.enqueue(
                        em,
                        NotificationEvent.toUser(NotificationType.BOOKING_REMINDER, bob, Map.of())))
            .isEmpty());
    assertTrue(
        tx.required(
                em ->
                    outbox.enqueue(
                        em,
                        NotificationEvent.toUser(
                            NotificationType.BOOKING_CANCELLED, bob, Map.of())))
            .isPresent());
    assertEquals(1, db.number("SELECT count(*) FROM notify_outbox"));
    assertEquals(Map.of("pending", 1L, "sent", 0L, "failed", 0L), outbox.counts());
  }

  @Test
  void aUserWithoutEmailIsRecordedAsFailedForAdmins() throws Exception {
    long eve = user(db, "eve", "", true);
    tx.required(
        em ->
            outbox.enqueue(
                em, NotificationEvent.toUser(NotificationType.BOOKING_CONFIRMED, eve, Map.of())));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'failed'"
                + " AND last_error = 'recipient has no email address'"));
  }

  @Test
  void anAddressWithoutUserAndAnUnknownUser() throws Exception {
    tx.required(
        em ->
            outbox.enqueue(
                em,
                NotificationEvent.toAddress(
                    NotificationType.RESERVATION_NAG, "x@example.org", Map.of())));
    assertEquals(
        1, db.number("SELECT count(*) FROM notify_outbox WHERE recipient = 'x@example.org'"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            tx.required(
                em ->
                    outbox.enqueue(
                        em,
                        NotificationEvent.toUser(
                            NotificationType.BOOKING_CONFIRMED, 999_999, Map.of()))));
  }

  @Test
  void needsTheCallersTransaction() {
    EntityManager em = tx.entityManager();
    try {
      NotificationEvent event =
          NotificationEvent.toAddress(
              NotificationType.BOOKING_CONFIRMED, "x@example.org", Map.of());
      assertThrows(IllegalStateException.class, () -> outbox.enqueue(em, event));
    } finally {
      em.close();
    }
  }

  /** A named channel that accepts everything (the desk only reads its name). */
  private static NotificationChannel channel(String name) {
    return new NotificationChannel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void deliver(Notification notification) {}
    };
  }

  private static long row(String recipient, String status, String deliveredTo) throws Exception {
    return db.number(
        "INSERT INTO notify_outbox (type, recipient, status, attempts, last_error, delivered_to,"
            + " failed_at) VALUES ('booking_confirmed', '"
            + recipient
            + "', '"
            + status
            + "', 3, CASE WHEN '"
            + status
            + "' = 'failed' THEN 'connection refused' END, '"
            + deliveredTo
            + "', CASE WHEN '"
            + status
            + "' = 'failed' THEN now() END) RETURNING id");
  }

  @Test
  void confidentialMessagesGoOutOnlyWhileAChannelToTheRecipientAloneIsActive() {
    NotificationType reset = NotificationType.PASSWORD_RESET;
    NotificationType confirmed = NotificationType.BOOKING_CONFIRMED;
    assertFalse(outbox.delivers(confirmed));
    assertFalse(outbox.delivers(reset));
    NotificationChannel room = channel("webhook");
    channels.addChannel(room, Map.of());
    assertTrue(outbox.delivers(confirmed));
    assertFalse(outbox.delivers(reset), "a chat room gets no password reset link");
    NotificationChannel mail = channel("smtp");
    channels.addChannel(mail, Map.of(NotificationChannel.PRIVATE, "true"));
    assertTrue(outbox.delivers(reset));
    channels.removeChannel(mail);
    assertFalse(outbox.delivers(reset));
    channels.removeChannel(room);
    assertFalse(outbox.delivers(confirmed));
  }

  @Test
  void theDeskCountsPerChannelWhatWaitsWasSentAndFailed() throws Exception {
    channels.addChannel(channel("smtp"), Map.of(NotificationChannel.PRIVATE, true));
    channels.addChannel(channel("webhook"), Map.of());
    row("a@example.org", "pending", "{}");
    row("b@example.org", "pending", "{smtp}");
    row("c@example.org", "sent", "{smtp,webhook}");
    row("d@example.org", "failed", "{webhook}");
    assertEquals(
        List.of(new ChannelCounts("smtp", 1, 2, 1), new ChannelCounts("webhook", 2, 2, 0)),
        outbox.channels());
    assertEquals(Map.of("pending", 2L, "sent", 1L, "failed", 1L), outbox.counts());
  }

  @Test
  void theDeskListsFailedMessagesNewestFirstWithTheirError() throws Exception {
    long older = row("a@example.org", "failed", "{}");
    row("b@example.org", "sent", "{smtp}");
    long newer = row("c@example.org", "failed", "{}");
    List<FailedMessage> failed = outbox.failed(10);
    assertEquals(List.of(newer, older), failed.stream().map(FailedMessage::id).toList());
    FailedMessage first = failed.get(0);
    assertEquals("c@example.org", first.recipient());
    assertEquals("booking_confirmed", first.type());
    assertEquals("connection refused", first.lastError());
    assertEquals(3, first.attempts());
    assertNotNull(first.failedAt());
    assertEquals(1, outbox.failed(1).size());
  }

  @Test
  void aRetryRequeuesOneFailedMessageAndTheChangeLogRecordsIt() throws Exception {
    long failed = row("a@example.org", "failed", "{}");
    long other = row("b@example.org", "failed", "{}");
    long sent = row("c@example.org", "sent", "{smtp}");
    assertTrue(outbox.retry(failed));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM notify_outbox WHERE status = 'pending' AND attempts = 0"
                + " AND failed_at IS NULL AND id = "
                + failed));
    assertEquals(
        1,
        db.number("SELECT count(*) FROM notify_outbox WHERE status = 'failed' AND id = " + other));
    // no longer failed, or never failed: nothing done, nothing recorded
    assertFalse(outbox.retry(failed));
    assertFalse(outbox.retry(sent));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM cores_change WHERE app = 'notify' AND model = 'outboxretry'"
                + " AND action = 'create' AND (after ->> 'message_id')::bigint = "
                + failed
                + " AND (after ->> 'requeued')::int = 1"));
  }

  @Test
  void retryAllRequeuesEveryFailedMessageInOneRecordedRetry() throws Exception {
    row("a@example.org", "failed", "{}");
    row("b@example.org", "failed", "{}");
    row("c@example.org", "sent", "{smtp}");
    assertEquals(2, outbox.retryAll());
    assertEquals(Map.of("pending", 2L, "sent", 1L, "failed", 0L), outbox.counts());
    assertEquals(0, outbox.retryAll(), "nothing left to retry");
    assertEquals(1, db.number("SELECT count(*) FROM cores_change WHERE model = 'outboxretry'"));
    assertEquals(
        1,
        db.number(
            "SELECT count(*) FROM cores_change WHERE model = 'outboxretry'"
                + " AND after ->> 'message_id' IS NULL AND (after ->> 'requeued')::int = 2"));
  }
}
