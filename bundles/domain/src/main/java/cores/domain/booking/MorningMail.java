package cores.domain.booking;

import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The morning job's mails (DOMAIN.md, "Scheduled jobs"), each sent once: a row's flag is set by the
 * same {@code UPDATE … RETURNING} that picks it, in the transaction that enqueues its mail, so a
 * second run (or a concurrent one: the row lock makes it re-check the flag) finds nothing to send.
 *
 * <p>Days are counted in the configured zone. "Ending tomorrow" is an end after tomorrow's midnight
 * up to the next one (a whole-day booking ends at the midnight after its last day); "ended" is an
 * end since yesterday's midnight up to now, so an end between two daily runs is always caught.
 *
 * <p>One bad row never stops everyone's mail: each row's mail is written inside a savepoint, so a
 * row whose mail fails is logged, named in the run's failures and left marked as picked (its flag
 * stays set, so it is not retried every morning), and the job goes on with the other rows.
 */
public final class MorningMail {
  /** How long a reservation is held before (and between) nags. */
  public static final Duration NAG_AFTER = Duration.ofDays(7 * 12);

  /** Someone else's booking starting this soon after an end makes it the "…_next" variant. */
  public static final Duration NEXT_WITHIN = Duration.ofDays(3);

  private static final Logger LOG = LoggerFactory.getLogger(MorningMail.class);

  private final BookingMail mail;

  public MorningMail(BookingMail mail) {
    this.mail = mail;
  }

  /**
   * Sends what is due at {@code now}; the number of mails of each kind (rows whose mail failed
   * included), and {@code rows_failed} when some failed, each of which is added to {@code failures}
   * ("booking 12: …").
   */
  public Map<String, Long> run(Sql sql, Instant now, List<String> failures) {
    Rows rows = new Rows(sql, failures);
    ZoneId zone = mail.zone();
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant yesterday = today.minusDays(1).atStartOfDay(zone).toInstant();
    Instant tomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
    Instant dayAfter = today.plusDays(2).atStartOfDay(zone).toInstant();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("booking_reminders", bookingReminders(sql, rows, tomorrow, dayAfter));
    counts.put(
        "reservation_reminders",
        each(
            sql,
            rows,
            "UPDATE booking_reservation SET start_reminder_sent = true"
                + " WHERE NOT start_reminder_sent AND start_time >= ? AND start_time < ?"
                + " RETURNING id",
            List.of(tomorrow, dayAfter),
            NotificationType.RESERVATION_REMINDER));
    counts.put(
        "booking_ending",
        endings(
            sql,
            rows,
            "UPDATE booking_booking SET end_reminder_sent = true"
                + " WHERE NOT end_reminder_sent AND end_time > ? AND end_time <= ?"
                + " RETURNING id, bookable_id, owner_id, end_time",
            List.of(tomorrow, dayAfter),
            NotificationType.BOOKING_ENDING,
            NotificationType.BOOKING_ENDING_NEXT));
    counts.put(
        "booking_ended",
        endings(
            sql,
            rows,
            "UPDATE booking_booking SET ended_notice_sent = true"
                + " WHERE NOT ended_notice_sent AND end_time > ? AND end_time <= ?"
                + " RETURNING id, bookable_id, owner_id, end_time",
            List.of(yesterday, now),
            NotificationType.BOOKING_ENDED,
            NotificationType.BOOKING_ENDED_NEXT));
    counts.put(
        "reservation_ended",
        each(
            sql,
            rows,
            "UPDATE booking_reservation SET ended_notice_sent = true"
                + " WHERE NOT ended_notice_sent AND end_time > ? AND end_time <= ? RETURNING id",
            List.of(yesterday, now),
            NotificationType.RESERVATION_ENDED));
    counts.put(
        "reservation_nags",
        each(
            sql,
            rows,
            "UPDATE booking_reservation SET last_nag = ?"
                + " WHERE start_time <= ? AND (end_time IS NULL OR end_time > ?)"
                + " AND coalesce(last_nag, start_time) <= ? RETURNING id",
            List.of(now, now, now, now.minus(NAG_AFTER)),
            NotificationType.RESERVATION_NAG));
    if (rows.failed > 0) {
      counts.put("rows_failed", rows.failed);
    }
    return counts;
  }

  /** Starting tomorrow; mentions who held the host last, when that was someone else. */
  private long bookingReminders(Sql sql, Rows guard, Instant from, Instant to) {
    List<Map<String, Object>> rows =
        sql.rows(
            "UPDATE booking_booking b SET start_reminder_sent = true"
                + " WHERE NOT b.start_reminder_sent AND b.start_time >= ? AND b.start_time < ?"
                + " RETURNING b.id, (SELECT CASE WHEN p.owner_id <> b.owner_id THEN "
                + String.format(BookingMail.NAME, "u")
                + " END FROM booking_booking p JOIN accounts_user_v1 u ON u.id = p.owner_id"
                + " WHERE p.bookable_id = b.bookable_id AND p.end_time <= b.start_time"
                + " ORDER BY p.end_time DESC LIMIT 1) AS previous",
            List.of(from, to));
    for (Map<String, Object> row : rows) {
      long id = (Long) row.get("id");
      guard.each(
          "booking",
          id,
          () -> {
            Map<String, String> extra = new HashMap<>();
            if (row.get("previous") != null) {
              extra.put(NotificationEvent.PREVIOUS_HOLDER, (String) row.get("previous"));
            }
            mail.booking(sql, NotificationType.BOOKING_REMINDER, id, extra);
          });
    }
    return rows.size();
  }

  /** Ending or ended: the "…_next" variant when someone else's booking follows within 3 days. */
  private long endings(
      Sql sql,
      Rows guard,
      String pick,
      List<?> params,
      NotificationType plain,
      NotificationType next) {
    List<Map<String, Object>> rows = sql.rows(pick, params);
    for (Map<String, Object> row : rows) {
      guard.each("booking", (Long) row.get("id"), () -> ending(sql, row, plain, next));
    }
    return rows.size();
  }

  private void ending(
      Sql sql, Map<String, Object> row, NotificationType plain, NotificationType next) {
    Instant end = (Instant) row.get("end_time");
    Map<String, Object> following =
        sql.row(
            "SELECT "
                + String.format(BookingMail.NAME, "u")
                + " AS holder, n.start_time FROM booking_booking n"
                + " JOIN accounts_user_v1 u ON u.id = n.owner_id WHERE n.bookable_id = ?"
                + " AND n.owner_id <> ? AND n.start_time >= ? AND n.start_time < ?"
                + " ORDER BY n.start_time LIMIT 1",
            List.of(row.get("bookable_id"), row.get("owner_id"), end, end.plus(NEXT_WITHIN)));
    long id = (Long) row.get("id");
    if (following == null) {
      mail.booking(sql, plain, id, Map.of());
    } else {
      mail.booking(
          sql,
          next,
          id,
          Map.of(
              NotificationEvent.NEXT_HOLDER,
              (String) following.get("holder"),
              NotificationEvent.NEXT_START,
              mail.format((Instant) following.get("start_time"))));
    }
  }

  private long each(Sql sql, Rows guard, String pick, List<?> params, NotificationType type) {
    List<Map<String, Object>> rows = sql.rows(pick, params);
    for (Map<String, Object> row : rows) {
      long id = (Long) row.get("id");
      guard.each("reservation", id, () -> mail.reservation(sql, type, id, Map.of()));
    }
    return rows.size();
  }

  /** The exception's message and its root cause's first line (what the database said). */
  private static String reason(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(e.getMessage());
    if (root == e) {
      return message;
    }
    return message + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
  }

  /** Runs each row's mail in a savepoint and collects the rows whose mail failed. */
  private static final class Rows {
    private final Sql sql;
    private final List<String> failures;
    private long failed;

    Rows(Sql sql, List<String> failures) {
      this.sql = sql;
      this.failures = failures;
    }

    void each(String kind, long id, Runnable send) {
      try {
        sql.savepoint(send);
      } catch (RuntimeException e) {
        // this row's data is bad (e.g. its user is gone): the others still get their mail
        String reason = reason(e);
        LOG.error("Morning job: no mail for {} {}: {}", kind, id, reason, e);
        failures.add(kind + " " + id + ": " + reason);
        failed++;
      }
    }
  }
}
