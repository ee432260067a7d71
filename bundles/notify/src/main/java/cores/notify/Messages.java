package cores.notify;

import cores.api.notify.NotificationEvent;
import cores.api.notify.NotificationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The message of each {@link NotificationType}, from {@code cores/notify/templates/<code>.txt}
 * (first line {@code Subject: …}, a blank line, the plain-text body) and {@code <code>.html} (the
 * HTML body). Besides the event's data, templates see {@code link} (the host page, or the password
 * reset page with its key) and {@code site} (the site's base URL), both built from the configured
 * host name.
 */
final class Messages {
  static final String HOST_PAGE = "/hosts/";
  static final String RESET_PAGE = "/password-reset/";
  private static final String SUBJECT = "Subject:";

  /** A rendered message. */
  record Rendered(String subject, String text, String html) {}

  private record Templates(Template subject, Template text, Template html) {}

  private final Map<NotificationType, Templates> templates = new EnumMap<>(NotificationType.class);
  private final String site;

  /**
   * @param site base URL of the site, e.g. {@code https://cores.example.org}
   */
  Messages(String site) {
    this.site = site;
    for (NotificationType type : NotificationType.values()) {
      templates.put(type, load(type));
    }
  }

  /** The site's base URL for a configured scheme and host name. */
  static String site(String scheme, String hostname) {
    return scheme + "://" + hostname.strip();
  }

  Rendered render(NotificationType type, Map<String, String> data) {
    Map<String, String> values = new HashMap<>(data);
    values.put("site", site);
    values.put("link", link(type, data));
    Templates t = templates.get(type);
    // a header line: no line breaks from data may reach it
    String subject = t.subject().render(values, Template::plain).replaceAll("[\\r\\n\\t]+", " ");
    return new Rendered(
        subject.strip(),
        t.text().render(values, Template::plain),
        t.html().render(values, Template::html));
  }

  /** The page a message links to: the reset page with its key, or the host's page. */
  private String link(NotificationType type, Map<String, String> data) {
    if (type == NotificationType.PASSWORD_RESET) {
      return site + RESET_PAGE + encode(data.getOrDefault(NotificationEvent.TOKEN, ""));
    }
    String hostId = data.getOrDefault(NotificationEvent.HOST_ID, "");
    return hostId.isBlank() ? site + "/" : site + HOST_PAGE + encode(hostId) + "/";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Templates load(NotificationType type) {
    String text = resource(type.code() + ".txt");
    if (!text.startsWith(SUBJECT)) {
      throw new IllegalStateException(type.code() + ".txt must start with '" + SUBJECT + "'");
    }
    int lineEnd = text.indexOf('\n');
    String subject = text.substring(SUBJECT.length(), lineEnd).strip();
    String body = text.substring(lineEnd + 1).stripLeading();
    return new Templates(
        new Template(subject), new Template(body), new Template(resource(type.code() + ".html")));
  }

  private static String resource(String name) {
    String path = "templates/" + name;
    try (InputStream in = Messages.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing template " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
