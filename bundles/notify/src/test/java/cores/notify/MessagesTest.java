package cores.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = new Messages(Messages.site("https", "cores.example.org"));

  private static final Map<String, String> DATA =
      Map.of(
          NotificationEvent.HOST, "lab-host-7",
          NotificationEvent.HOST_ID, "42",
          NotificationEvent.START, "2026-12-01",
          NotificationEvent.END, "2026-12-03",
          NotificationEvent.PREVIOUS_HOLDER, "Bob",
          NotificationEvent.NEXT_HOLDER, "Carol",
          NotificationEvent.NEXT_START, "2026-12-04");

  @Test
  void everyBookingTypeHasSubjectPlainAndHtmlWithTheHostLink() {
    for (NotificationType type : NotificationType.values()) {
      if (type == NotificationType.PASSWORD_RESET) {
        continue;
      }
      Messages.Rendered m = messages.render(type, DATA);
      assertTrue(m.subject().contains("lab-host-7"), type + ": " + m.subject());
      assertTrue(m.text().contains("https://cores.example.org/hosts/42/"), type + ": " + m.text());
      assertTrue(
          m.html().contains("<a href=\"https://cores.example.org/hosts/42/\">lab-host-7</a>"),
          type + ": " + m.html());
      assertFalse(m.text().contains("{{") || m.html().contains("{{"), type.toString());
    }
  }

  @Test
  void everyLinkInEveryMessageIsAPageOfTheSite() {
    java.util.regex.Pattern url = java.util.regex.Pattern.compile("https?://[^\\s\"<>]+");
    Map<String, String> data = new java.util.HashMap<>(DATA);
    data.put(NotificationEvent.USERNAME, "ann");
    data.put(NotificationEvent.TOKEN, "Ab-_9");
    data.put(NotificationEvent.VALID_FOR, "1 hour");
    for (NotificationType type : NotificationType.values()) {
      Messages.Rendered m = messages.render(type, data);
      java.util.regex.Matcher links = url.matcher(m.text() + "\n" + m.html());
      while (links.find()) {
        assertTrue(
            java.util.List.of(
                    "https://cores.example.org",
                    "https://cores.example.org/hosts/42/",
                    "https://cores.example.org/password-reset/Ab-_9")
                .contains(links.group()),
            type + " links " + links.group() + ", which no page of the site answers");
      }
    }
  }

  @Test
  void aPasswordResetLinksToTheResetPageWithItsKeyUnderTheHostname() {
    Map<String, String> data =
        Map.of(
            NotificationEvent.USERNAME, "ann",
            NotificationEvent.TOKEN, "Ab-_9",
            NotificationEvent.VALID_FOR, "1 hour");
    Messages.Rendered m = messages.render(NotificationType.PASSWORD_RESET, data);
    assertEquals("Set a new Cores password", m.subject());
    assertTrue(m.text().contains("https://cores.example.org/password-reset/Ab-_9\n"), m.text());
    assertTrue(m.text().contains("account ann") && m.text().contains("within 1 hour"), m.text());
    assertTrue(
        m.html().contains("<a href=\"https://cores.example.org/password-reset/Ab-_9\">"), m.html());
    assertFalse(m.text().contains("{{") || m.html().contains("{{"), m.html());
  }

  @Test
  void reminderMentionsThePreviousHolderOnlyWhenThereIsOne() {
    assertTrue(messages.render(NotificationType.BOOKING_REMINDER, DATA).text().contains("Bob"));
    Map<String, String> none = Map.of(NotificationEvent.HOST, "h", NotificationEvent.HOST_ID, "1");
    assertFalse(
        messages.render(NotificationType.BOOKING_REMINDER, none).text().contains("last used"));
  }

  @Test
  void userDataArrivesInertInHtmlAndTheSubjectStaysOneLine() {
    Map<String, String> evil =
        Map.of(
            NotificationEvent.HOST, "<script>alert(1)</script>\r\nBcc: x@evil",
            NotificationEvent.HOST_ID, "\"><script>",
            NotificationEvent.COMMENT, "<img src=x onerror=alert(1)>");
    Messages.Rendered m = messages.render(NotificationType.BOOKING_CONFIRMED, evil);
    assertFalse(m.html().contains("<script>"), m.html());
    assertFalse(m.html().contains("<img"), m.html());
    assertTrue(m.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), m.html());
    // the id is URL-encoded into the link, then the link is HTML-escaped
    assertTrue(m.html().contains("/hosts/%22%3E%3Cscript%3E/"), m.html());
    assertFalse(m.subject().contains("\n") || m.subject().contains("\r"), m.subject());
    assertTrue(m.text().contains("<script>alert(1)</script>"), "plain text shows it as typed");
  }

  @Test
  void aHostileHostnameIsEscapedToo() {
    Messages hostile = new Messages(Messages.site("https", "x\"><script>y"));
    Messages.Rendered m = hostile.render(NotificationType.BOOKING_ENDED, DATA);
    assertFalse(m.html().contains("<script>"), m.html());
    assertEquals(
        "https://x\"><script>y/hosts/42/",
        m.text()
            .lines()
            .filter(l -> l.startsWith("Host page:"))
            .findFirst()
            .orElseThrow()
            .substring("Host page: ".length()));
  }
}
