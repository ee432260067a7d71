package cores.http;

import cores.http.auth.ClientAddresses;
import cores.http.auth.CrossOrigin;
import java.util.Arrays;
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
 * @param maxActiveRequests requests worked on at once (the others wait their turn); 0 means twice
 *     the processors the JVM may use
 * @param trustedOrigins origins (scheme://host[:port]) whose unsafe requests are this site's own
 *     besides the one the browser addressed and {@code https://<hostname>}
 * @param address IP address to listen on; empty for every interface
 */
public record HttpSettings(
    int port,
    String hostname,
    boolean debug,
    String secretKey,
    long maxBodyBytes,
    List<String> trustedProxies,
    int maxActiveRequests,
    List<String> trustedOrigins,
    String address) {

  public HttpSettings {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(address, "address");
    trustedProxies = List.copyOf(trustedProxies);
    trustedOrigins = List.copyOf(trustedOrigins);
    for (String origin : trustedOrigins) {
      if (!CrossOrigin.trustable(origin)) {
        throw new IllegalArgumentException(
            "not an origin (scheme://host[:port]): \"" + origin + "\"");
      }
    }
    if (secretKey == null || secretKey.isBlank()) {
      throw new IllegalArgumentException("secretKey must not be empty");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
    if (maxActiveRequests < 0) {
      throw new IllegalArgumentException(
          "maxActiveRequests must not be negative: " + maxActiveRequests);
    }
  }

  /** No other origins trusted than the site's own. */
  public HttpSettings(
      int port,
      String hostname,
      boolean debug,
      String secretKey,
      long maxBodyBytes,
      List<String> trustedProxies,
      int maxActiveRequests) {
    this(
        port,
        hostname,
        debug,
        secretKey,
        maxBodyBytes,
        trustedProxies,
        maxActiveRequests,
        List.of(),
        "");
  }

  /** Requests worked on at once, with the default for the processors this JVM may use. */
  public HttpSettings(
      int port,
      String hostname,
      boolean debug,
      String secretKey,
      long maxBodyBytes,
      List<String> trustedProxies) {
    this(port, hostname, debug, secretKey, maxBodyBytes, trustedProxies, 0);
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
        List.of(config.trustedProxies().split(",")),
        config.maxActiveRequests(),
        config.trustedOrigins().isBlank()
            ? List.of()
            : Arrays.stream(config.trustedOrigins().split(",")).map(String::strip).toList(),
        config.address().strip());
  }

  /**
   * How many requests the server works on at once. On a few cores, a request that waits its turn is
   * answered sooner than one that shares the processors with every other (each then takes the
   * scheduler's slices of all of them); twice the processors keeps them busy while some requests
   * wait for the database. {@link Runtime#availableProcessors()} follows a container's CPU limit.
   */
  public int activeRequestLimit() {
    return maxActiveRequests > 0
        ? maxActiveRequests
        : 2 * Runtime.getRuntime().availableProcessors();
  }

  /** Keeps the secret out of logs and exception messages. */
  @Override
  public String toString() {
    return "HttpSettings[port="
        + port
        + ", address="
        + address
        + ", hostname="
        + hostname
        + ", debug="
        + debug
        + ", secretKey=****, maxBodyBytes="
        + maxBodyBytes
        + ", trustedProxies="
        + trustedProxies
        + ", maxActiveRequests="
        + maxActiveRequests
        + ", trustedOrigins="
        + trustedOrigins
        + "]";
  }
}
