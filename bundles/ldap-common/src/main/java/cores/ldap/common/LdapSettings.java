package cores.ldap.common;

import cores.api.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationException;

/**
 * Where and how to reach the directory.
 *
 * @param host server host
 * @param port server port (389 for {@code ldap://}, 636 for {@code ldaps://} unless given)
 * @param ldaps TLS from the first byte ({@code ldaps://})
 * @param startTls upgrade a plain connection with StartTLS before anything is sent
 * @param timeout limit for connecting and for each response
 * @param caFile PEM file of the certificates to trust; empty: the JVM's trust store
 * @param logging log each step (never a password)
 */
public record LdapSettings(
    String host,
    int port,
    boolean ldaps,
    boolean startTls,
    Duration timeout,
    Optional<Path> caFile,
    boolean logging) {

  /**
   * @param uri {@code ldap://host[:port]} or {@code ldaps://host[:port]}
   * @throws IllegalArgumentException naming the setting that is wrong
   */
  public static LdapSettings of(
      String uri, boolean startTls, int timeoutSeconds, String caFile, boolean logging) {
    URI parsed;
    try {
      parsed = new URI(uri == null ? "" : uri.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("uri: not a URI: " + uri, e);
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
      throw new IllegalArgumentException("uri: expected ldap://host[:port] or ldaps://host[:port]");
    }
    if (parsed.getHost() == null) {
      throw new IllegalArgumentException("uri: no host in " + uri);
    }
    boolean ldaps = scheme.equals("ldaps");
    if (ldaps && startTls) {
      throw new IllegalArgumentException("startTls: not with an ldaps:// uri (already TLS)");
    }
    if (timeoutSeconds <= 0) {
      throw new IllegalArgumentException("timeoutSeconds: must be positive");
    }
    int port = parsed.getPort() > 0 ? parsed.getPort() : ldaps ? 636 : 389;
    Optional<Path> ca =
        caFile == null || caFile.isBlank() ? Optional.empty() : Optional.of(Path.of(caFile));
    return new LdapSettings(
        parsed.getHost(), port, ldaps, startTls, Duration.ofSeconds(timeoutSeconds), ca, logging);
  }

  /**
   * The settings as the configuration writes them (text from the environment), checked.
   *
   * @throws ConfigurationException naming the property that is wrong
   */
  public static LdapSettings configured(
      String uri, String startTls, String timeoutSeconds, String caFile, String logging)
      throws ConfigurationException {
    String address = Settings.required("uri", uri);
    String lower = address.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("ldap://") && !lower.startsWith("ldaps://")) {
      throw new ConfigurationException(
          "uri", Settings.quote(address) + " must start with ldap:// or ldaps://");
    }
    boolean tls = Settings.bool("startTls", startTls, false);
    if (tls && lower.startsWith("ldaps://")) {
      throw new ConfigurationException(
          "startTls", "cannot be combined with an ldaps:// {uri} (already TLS)");
    }
    int timeout = Settings.number("timeoutSeconds", timeoutSeconds, 1, 300, 10);
    Optional<String> ca = Settings.text(caFile);
    if (ca.isPresent() && !Files.isReadable(Path.of(ca.get()).toAbsolutePath())) {
      throw new ConfigurationException("caFile", Settings.quote(ca.get()) + " cannot be read");
    }
    boolean log = Settings.bool("logging", logging, false);
    try {
      return of(address, tls, timeout, ca.orElse(null), log);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("uri", e.getMessage(), e);
    }
  }

  /** The URI as configured, for logs. */
  public String uri() {
    return (ldaps ? "ldaps://" : "ldap://") + host + ":" + port;
  }
}
