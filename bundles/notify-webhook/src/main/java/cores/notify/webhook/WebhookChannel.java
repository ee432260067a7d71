package cores.notify.webhook;

import cores.api.config.Settings;
import cores.api.notify.DeliveryException;
import cores.api.notify.Notification;
import cores.api.notify.NotificationChannel;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Posts each notification as {@code {"text": "<subject>\n\n<plain text>"}} to an incoming webhook
 * (the format Slack and Mattermost accept). Any 2xx answer is a delivery; anything else is retried
 * by the outbox.
 */
@Component(
    service = NotificationChannel.class,
    configurationPid = WebhookConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookConfig.class)
public final class WebhookChannel implements NotificationChannel {
  private final URI url;
  private final String name;
  private final Duration timeout;
  private final HttpClient http;

  @Activate
  public WebhookChannel(WebhookConfig config) throws ConfigurationException {
    String address = Settings.required("url", config.url());
    try {
      this.url = new URI(address);
    } catch (URISyntaxException e) {
      throw new ConfigurationException("url", Settings.quote(address) + " is not a URL", e);
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new ConfigurationException(
          "url", Settings.quote(address) + " is not an http:// or https:// URL");
    }
    this.name = Settings.text(config.name()).orElse("webhook");
    this.timeout =
        Duration.ofMillis(
            Settings.number("timeoutMillis", config.timeoutMillis(), 1, 600_000, 10_000));
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void deliver(Notification notification) throws DeliveryException {
    String body = "{\"text\":" + Json.string(text(notification)) + "}";
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new DeliveryException("webhook answered " + response.statusCode(), null);
      }
    } catch (IOException e) {
      throw new DeliveryException("webhook: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", e);
    }
  }

  /** Chat messages have no HTML part: the subject as a heading line, then the plain text. */
  static String text(Notification n) {
    return n.subject() + "\n\n" + n.text();
  }
}
