package cores.api.notify;

import java.util.Objects;

/**
 * One message to one recipient.
 *
 * @param id stable identifier, the same on every delivery attempt, so repeats are recognisable
 * @param recipient email address of the recipient
 * @param subject one-line subject
 * @param text plain-text body
 * @param html HTML body, or {@code null}
 */
public record Notification(String id, String recipient, String subject, String text, String html) {
  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
  }
}
