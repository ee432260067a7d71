package cores.http;

import cores.http.auth.ClientAddresses;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP server's settings as plain values, so that the server can be built outside OSGi.
 *
 * @param port TCP port; 0 picks a free one
 * @param hostname host name the site is served as
 * @param debug whether error answers may carry stack traces
 * @param secretKey key that signs CSRF tokens; never logged
 * @param maxBodyBytes largest accepted request body
 * @param trustedProxies addresses or host names of the proxies whose {@code X-Real-IP} names the
 *     client
 */
public record HttpSettings(
    int port,
    String hostname,
    boolean debug,
    String secretKey,
    long maxBodyBytes,
    List<String> trustedProxies) {

  public HttpSettings {
    Objects.requireNonNull(hostname, "hostname");
    trustedProxies = List.copyOf(trustedProxies);
    if (secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException("secretKey must not be empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
  }

  /** Behind the default proxies: one on the same host, or the stack's nginx. */
  public HttpSettings(
      int port, String hostname, boolean debug, String secretKey, long maxBodyBytes) {
    this(port, hostname, debug, secretKey, maxBodyBytes, ClientAddresses.DEFAULT_TRUSTED);
  }

  public static HttpSettings from(HttpConfig config) {
    return new HttpSettings(
        config.port(),
        config.hostname(),
        config.debug(),
        config.secretKey(),
        config.maxBodyBytes(),
        List.of(config.trustedProxies().split(",")));
  }

  /** Keeps the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "HttpSettings[port="
        + port
        + ", hostname="
        + hostname
        + ", debug="
        + debug
        + ", secretKey=****, maxBodyBytes="
        + maxBodyBytes
        + ", trustedProxies="
        + trustedProxies
        + "]";
  }
}
