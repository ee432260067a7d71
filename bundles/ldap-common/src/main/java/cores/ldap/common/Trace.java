package cores.ldap.common;

import org.slf4j.Logger;

/**
 * The step-by-step log that LDAP_LOGGING switches on, at debug level (the launcher then also turns
 * on debug output for {@code cores.auth}, where the providers' loggers are). Callers never pass a
 * password.
 */
public final class Trace {
  private final Logger log;
  private final boolean enabled;

  public Trace(Logger log, boolean enabled) {
    this.log = log;
    this.enabled = enabled;
  }

  public void log(String format, Object... args) {
    if (enabled) {
      log.debug(format, args);
    }
  }
}
