package cores.api.notify;

/**
 * The kinds of message Cores sends (DOMAIN.md, "Emails"). Each has a plain-text and an HTML
 * template in the notify bundle, named after {@link #code()}.
 *
 * <p>The template data each type uses is listed in {@link NotificationEvent}.
 */
public enum NotificationType {
  BOOKING_CONFIRMED("booking_confirmed", false),
  BOOKING_CANCELLED("booking_cancelled", false),
  RESERVATION_CONFIRMED("reservation_confirmed", false),
  RESERVATION_CANCELLED("reservation_cancelled", false),
  /** To every holder of a future booking or reservation when a bookable stops being active. */
  BOOKABLE_UNAVAILABLE("bookable_unavailable", false),
  /** A booking starts tomorrow; mentions the previous holder when there is one. */
  BOOKING_REMINDER("booking_reminder", true),
  /** A reservation starts tomorrow. */
  RESERVATION_REMINDER("reservation_reminder", true),
  /** A booking ends tomorrow. */
  BOOKING_ENDING("booking_ending", true),
  /** A booking ends tomorrow and someone else's booking follows within 3 days. */
  BOOKING_ENDING_NEXT("booking_ending_next", true),
  /** A booking ended today. */
  BOOKING_ENDED("booking_ended", true),
  /** A booking ended today and someone else's booking follows within 3 days. */
  BOOKING_ENDED_NEXT("booking_ended_next", true),
  RESERVATION_ENDED("reservation_ended", true),
  /** A reservation has been held for 12 weeks since the last nag. */
  RESERVATION_NAG("reservation_nag", true),
  /**
   * A link to set a new password, asked for on the site: {@link #confidential()}, so it goes only
   * to channels that deliver to the recipient alone.
   */
  PASSWORD_RESET("password_reset", false, true);

  private final String code;
  private final boolean reminder;
  private final boolean confidential;

  NotificationType(String code, boolean reminder) {
    this(code, reminder, false);
  }

  NotificationType(String code, boolean reminder, boolean confidential) {
    this.code = code;
    this.reminder = reminder;
    this.confidential = confidential;
  }

  /** Stable lower-case name, stored in the outbox and naming the templates. */
  public String code() {
    return code;
  }

  /**
   * Whether this is a reminder, which a user may turn off (their {@code receive_reminders} flag),
   * rather than a confirmation, which is always sent.
   */
  public boolean reminder() {
    return reminder;
  }

  /**
   * Whether the message carries a secret (a password reset link): it is delivered only through
   * channels registered with {@link NotificationChannel#PRIVATE}, never posted where others read,
   * and the secret is dropped from the outbox once it is sent.
   */
  public boolean confidential() {
    return confidential;
  }

  /**
   * @throws IllegalArgumentException for an unknown code
   */
  public static NotificationType ofCode(String code) {
    for (NotificationType type : values()) {
      if (type.code.equals(code)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown notification type: " + code);
  }
}
