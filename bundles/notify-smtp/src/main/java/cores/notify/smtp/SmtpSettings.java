package cores.notify.smtp;

import cores.api.config.Settings;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationException;

/**
 * The checked {@link SmtpConfig}.
 *
 * @param user empty: no authentication
 */
record SmtpSettings(
    String server,
    int port,
    String from,
    String user,
    String password,
    boolean starttls,
    boolean ssl,
    int timeoutMillis,
    long idleCloseMillis) {

  /**
   * @throws ConfigurationException naming the property that is wrong
   */
  static SmtpSettings from(SmtpConfig config) throws ConfigurationException {
    String server = Settings.required("server", config.server());
    int port = Settings.port("port", config.port(), 25);
    boolean starttls = Settings.bool("starttls", config.starttls(), false);
    boolean ssl = Settings.bool("ssl", config.ssl(), false);
    if (starttls && ssl) {
      throw new ConfigurationException("ssl", "cannot be combined with {starttls} (choose one)");
    }
    Optional<String> user = Settings.text(config.user());
    Optional<String> password = Settings.text(config.password());
    if (password.isPresent() && user.isEmpty()) {
      throw new ConfigurationException("user", "required when {password} is set");
    }
    return new SmtpSettings(
        server,
        port,
        Settings.text(config.from()).orElse("noreply@cores.local"),
        user.orElse(""),
        password.orElse(""),
        starttls,
        ssl,
        config.timeoutMillis(),
        config.idleCloseMillis());
  }

  /** Without the password: this is logged. */
  @Override
  public String toString() {
    return server + ":" + port + " from " + from;
  }
}
