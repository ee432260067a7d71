package cores.api.notify;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something happened that one person must be told about. The notify bundle turns it into a message
 * from the type's templates when it delivers it.
 *
 * <p>Recipient: {@code userId} (an {@code auth_user} id) and/or {@code email}. With a user id the
 * address is the user's email at enqueue time and the user's {@code receive_reminders} preference
 * applies to {@linkplain NotificationType#reminder() reminders}; {@code email}, when given, wins
 * over the user's address (e.g. a customer without an account).
 *
 * <p>Template data: text values under these keys (constants below); absent keys render as empty,
 * and optional parts (previous/next holder, comment) are left out when absent. Every value is
 * treated as untrusted text: HTML-escaped in the HTML part.
 *
 * <ul>
 *   <li>{@value #HOST}, {@value #HOST_ID}: the host's name and id (the host page link is built from
 *       the id under the configured HOSTNAME) – every type
 *   <li>{@value #START}, {@value #END}: the booking's or reservation's period, already formatted
 *   <li>{@value #OWNER}: who holds the booking/reservation (for a reservation made for another)
 *   <li>{@value #PREVIOUS_HOLDER}: booking reminder: who had the host before
 *   <li>{@value #NEXT_HOLDER}, {@value #NEXT_START}: the "…_NEXT" types: whose booking follows
 *   <li>{@value #COMMENT}: the booking's or reservation's comment
 *   <li>{@value #USERNAME}, {@value #TOKEN}, {@value #VALID_FOR}: password reset: the account, the
 *       key of the link (which the notify bundle builds under the configured HOSTNAME, and drops
 *       from the stored data once the message is sent), and how long the link works ("1 hour")
 * </ul>
 */
public record NotificationEvent(
    NotificationType type, Long userId, String email, Map<String, String> data) {

  public static final String HOST = "host";
  public static final String HOST_ID = "host_id";
  public static final String START = "start";
  public static final String END = "end";
  public static final String OWNER = "owner";
  public static final String PREVIOUS_HOLDER = "previous_holder";
  public static final String NEXT_HOLDER = "next_holder";
  public static final String NEXT_START = "next_start";
  public static final String COMMENT = "comment";
  public static final String USERNAME = "username";
  public static final String TOKEN = "token";
  public static final String VALID_FOR = "valid_for";
  public static final String EXPIRES = "expires";

  public NotificationEvent {
    Objects.requireNonNull(type, "type");
    if (userId == null && (email == null || email.isBlank())) {
      throw new IllegalArgumentException("a notification needs a user id or an email address");
    }
    // sorted, so the stored form of equal events is equal
    data = data == null ? Map.of() : Map.copyOf(new TreeMap<>(data));
  }

  /** An event for a user, addressed to the user's email. */
  public static NotificationEvent toUser(
      NotificationType type, long userId, Map<String, String> data) {
    return new NotificationEvent(type, userId, null, data);
  }

  /** An event for an email address that belongs to no user. */
  public static NotificationEvent toAddress(
      NotificationType type, String email, Map<String, String> data) {
    return new NotificationEvent(type, null, email, data);
  }
}
