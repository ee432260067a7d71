package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxServiceTest {
  private static NotifyDatabase db;
  private static TestDatabase.Tx tx;
  private final OutboxService outbox = new OutboxService(tx);

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
    db.execute("DELETE FROM notify_outbox; DELETE FROM auth_user");
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
}
