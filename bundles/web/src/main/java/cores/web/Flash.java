package cores.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Messages for the next page ("Booked until Friday"), carried across the redirect that follows a
 * form post in a short-lived cookie, so that any instance can show them. The text is only ever
 * shown escaped.
 */
public final class Flash {
  /** The cookie's name. */
  public static final String COOKIE = "cores_flash";

  private static final int MAX_MESSAGES = 5;
  private static final int MAX_LENGTH = 500;

  /** One message: its level (success, info, warning, danger) and text. */
  public record Message(String level, String text) {
    public Message {
      level =
          switch (level) {
            case "success", "info", "warning", "danger" -> level;
            default -> "info";
          };
      text = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    }
  }

  private Flash() {}

  /** The cookie's value for these messages. */
  static String encode(List<Message> messages) {
    StringBuilder out = new StringBuilder();
    for (Message m : messages) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(part(m.level())).append('~').append(part(m.text()));
    }
    return out.toString();
  }

  /** The messages of a cookie's value; anything malformed is dropped. */
  static List<Message> decode(String value) {
    List<Message> messages = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return messages;
    }
    for (String item : value.split("\\.", MAX_MESSAGES + 1)) {
      int tilde = item.indexOf('~');
      if (tilde < 0 || messages.size() == MAX_MESSAGES) {
        continue;
      }
      try {
        messages.add(new Message(text(item.substring(0, tilde)), text(item.substring(tilde + 1))));
      } catch (IllegalArgumentException e) {
        // a cookie someone else wrote: ignored
      }
    }
    return messages;
  }

  private static String part(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }
}
