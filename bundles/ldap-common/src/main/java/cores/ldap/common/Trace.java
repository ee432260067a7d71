package cores.ldap.common;

import org.slf4j.Logger;

/**
 * The step-by-step log that LDAP_LOGGING switches on. At info level: the switch is the provider's
 * own setting, so the log level needs no second switch. Callers never pass a password.
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
      log.info(format, args);
    }
  }
}
