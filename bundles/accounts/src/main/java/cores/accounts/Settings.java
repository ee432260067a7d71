package cores.accounts;

import java.time.Duration;

/** The values of {@link AccountsConfig}, as plain data that tests can build. */
record Settings(Duration sessionTimeout, int throttleFreeFailures, Duration throttleMaxDelay) {

  Settings {
    if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
      throw new IllegalArgumentException("sessionTimeoutMinutes must be positive");
    }
    if (throttleFreeFailures < 0) {
      throw new IllegalArgumentException("throttleFreeFailures must not be negative");
    }
    if (throttleMaxDelay.isNegative() || throttleMaxDelay.isZero()) {
      throw new IllegalArgumentException("throttleMaxDelaySeconds must be positive");
    }
  }

  static Settings of(AccountsConfig config) {
    return new Settings(
        Duration.ofMinutes(config.sessionTimeoutMinutes()),
        config.throttleFreeFailures(),
        Duration.ofSeconds(config.throttleMaxDelaySeconds()));
  }
}
