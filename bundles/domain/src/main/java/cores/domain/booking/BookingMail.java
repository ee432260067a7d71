package cores.domain.booking;

import cores.api.config.SiteZone;
import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import cores.api.notify.Outbox;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The booking area's emails: notification events written to the outbox in the transaction of the
 * change that causes them (the domain never knows how they are delivered). Each event carries the
 * host, the period formatted in the configured time zone, and the comment.
 *
 * <p>A DS component so that every resource shares one; it needs the notify bundle's {@link Outbox}
 * (part of the core feature): without it, nothing that writes bookings runs, rather than bookings
 * being made silently without their mails. Its times are in the site's zone ({@link SiteZone}).
 */
@Component(service = BookingMail.class)
public final class BookingMail {

  /** Holder names as people read them: the full name, else the username. */
  static final String NAME =
      "coalesce(nullif(btrim(concat_ws(' ', %1$s.first_name, %1$s.last_name)), ''),"
          + " %1$s.username)";

  private static final String BOOKING =
      "SELECT b.id, b.owner_id, b.start_time, b.end_time, b.comment, h.id AS host_id, h.hostname"
          + " FROM booking_booking b JOIN booking_bookable k ON k.id = b.bookable_id"
          + " JOIN inventory_host h ON h.id = k.host_id WHERE b.id = ?";

  private static final String RESERVATION =
      BOOKING.replace("booking_booking", "booking_reservation");

  private final Outbox outbox;
  private final ZoneId zone;
  private final DateTimeFormatter format;

  @Activate
  public BookingMail(@Reference Outbox outbox, @Reference SiteZone site) {
    this(outbox, site.zone());
  }

  /** In a given time zone (tests); SCR sees one public constructor, the one it activates. */
  public static BookingMail of(Outbox outbox, ZoneId zone) {
    return new BookingMail(outbox, zone);
  }

  private BookingMail(Outbox outbox, ZoneId zone) {
    this.outbox = outbox;
    this.zone = zone;
    this.format = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);
  }

  /** The zone in which times are shown and days ("tomorrow") are counted. */
  public ZoneId zone() {
    return zone;
  }

  /** A booking's confirmation, cancellation or reminder, read from its row. */
  public void booking(Sql sql, NotificationType type, long bookingId, Map<String, String> extra) {
    send(sql, type, sql.row(BOOKING, List.of(bookingId)), extra);
  }

  /** A reservation's confirmation, cancellation or reminder, read from its row. */
  public void reservation(
      Sql sql, NotificationType type, long reservationId, Map<String, String> extra) {
    send(sql, type, sql.row(RESERVATION, List.of(reservationId)), extra);
  }

  /**
   * The bookable stopped being active: every holder of a booking or reservation that has not ended
   * is told, once per booking or reservation. The number of mails.
   */
  public int bookableUnavailable(Sql sql, long bookableId, Instant now) {
    List<Map<String, Object>> holds = Bookables.notEnded(sql, List.of(bookableId), now);
    for (Map<String, Object> hold : holds) {
      long id = (Long) hold.get("id");
      if ("booking".equals(hold.get("kind"))) {
        booking(sql, NotificationType.BOOKABLE_UNAVAILABLE, id, Map.of());
      } else {
        reservation(sql, NotificationType.BOOKABLE_UNAVAILABLE, id, Map.of());
      }
    }
    return holds.size();
  }

  /** A time as the mails show it, in the configured zone. */
  public String format(Instant time) {
    return time == null ? "" : format.format(time.atZone(zone));
  }

  private void send(
      Sql sql, NotificationType type, Map<String, Object> row, Map<String, String> extra) {
    Map<String, String> data = new HashMap<>();
    data.put(NotificationEvent.HOST, (String) row.get("hostname"));
    data.put(NotificationEvent.HOST_ID, String.valueOf(row.get("host_id")));
    data.put(NotificationEvent.START, format((Instant) row.get("start_time")));
    data.put(NotificationEvent.END, format((Instant) row.get("end_time")));
    if (!"".equals(row.get("comment"))) {
      data.put(NotificationEvent.COMMENT, (String) row.get("comment"));
    }
    Instant stale = staleAt(type, row);
    if (stale != null) {
      data.put(NotificationEvent.EXPIRES, stale.toString());
    }
    data.putAll(extra);
    outbox.enqueue(
        sql.entityManager(), NotificationEvent.toUser(type, (Long) row.get("owner_id"), data));
  }

  /**
   * A reminder of what is coming tells nothing once it has come: one that could not be delivered
   * before the booking or reservation started (or the booking ended) is not sent late.
   */
  static Instant staleAt(NotificationType type, Map<String, Object> row) {
    return switch (type) {
      case BOOKING_REMINDER, RESERVATION_REMINDER -> (Instant) row.get("start_time");
      case BOOKING_ENDING, BOOKING_ENDING_NEXT -> (Instant) row.get("end_time");
      default -> null;
    };
  }
}
