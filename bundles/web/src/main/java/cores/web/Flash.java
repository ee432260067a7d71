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

  /**
   * One message: its level (success, info, warning, danger) and its pieces, the site's words and
   * the typed text (a host's or a person's name) in between, which the page isolates ({@code
   * <bdi>}) so that a right-to-left name cannot reorder the words around it.
   */
  public record Message(String level, List<Piece> pieces) {
    public Message {
      level =
          switch (level) {
            case "success", "info", "warning", "danger" -> level;
            default -> "info";
          };
      List<Piece> kept = new ArrayList<>();
      int room = MAX_LENGTH;
      for (Piece piece : pieces) {
        if (room <= 0) {
          break;
        }
        String text = piece.text().length() > room ? piece.text().substring(0, room) : piece.text();
        room -= text.length();
        if (!text.isEmpty()) {
          kept.add(new Piece(text, piece.typed()));
        }
      }
      pieces = List.copyOf(kept);
    }

    /** A message in the site's words only. */
    public Message(String level, String text) {
      this(level, List.of(new Piece(text, false)));
    }

    /**
     * A message of the site's words and typed text in turn: {@code parts} at even places are the
     * site's, at odd places typed ("Booked ", hostname, " until Friday.").
     */
    public static Message of(String level, String... parts) {
      List<Piece> pieces = new ArrayList<>();
      for (int i = 0; i < parts.length; i++) {
        pieces.add(new Piece(parts[i], i % 2 != 0));
      }
      return new Message(level, pieces);
    }

    /** The whole text, as it reads. */
    public String text() {
      StringBuilder text = new StringBuilder();
      pieces.forEach(piece -> text.append(piece.text()));
      return text.toString();
    }
  }

  /** A piece of a message: the site's words, or text someone typed ({@code typed}). */
  public record Piece(String text, boolean typed) {}

  private Flash() {}

  /** The cookie's value for these messages. */
  static String encode(List<Message> messages) {
    StringBuilder out = new StringBuilder();
    for (Message m : messages) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(part(m.level()));
      // typed text at the odd places, as Message.of takes it; an empty piece keeps the places
      int place = 0;
      for (Piece piece : m.pieces()) {
        if ((place % 2 != 0) != piece.typed()) {
          out.append('~');
          place++;
        }
        out.append('~').append(part(piece.text()));
        place++;
      }
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
      String[] parts = item.split("~", -1);
      if (parts.length < 2 || messages.size() == MAX_MESSAGES) {
        continue;
      }
      try {
        String[] texts = new String[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          texts[i - 1] = text(parts[i]);
        }
        messages.add(Message.of(text(parts[0]), texts));
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
