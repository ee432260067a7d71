package cores.ldap.common;

import org.slf4j.Logger;

/**
 * The step-by-step log that LDAP_LOGGING switches on. It writes at info level so that it shows
 * without touching the platform's log level; callers never pass a password.
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
