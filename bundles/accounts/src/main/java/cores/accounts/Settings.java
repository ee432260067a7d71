package cores.accounts;

import java.time.Duration;

/** The values of {@link AccountsConfig}, as plain data that tests can build. */
record Settings(
    Duration sessionTimeout,
    int throttleFreeFailures,
    Duration throttleMaxDelay,
    int throttleUserFailures) {

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
    if (throttleUserFailures < throttleFreeFailures) {
      throw new IllegalArgumentException(
          "throttleUserFailures must not be below throttleFreeFailures");
    }
  }

  /** With the default ceiling of failures per username from all addresses. */
  Settings(Duration sessionTimeout, int throttleFreeFailures, Duration throttleMaxDelay) {
    this(sessionTimeout, throttleFreeFailures, throttleMaxDelay, 100);
  }

  static Settings of(AccountsConfig config) {
    return new Settings(
        Duration.ofMinutes(config.sessionTimeoutMinutes()),
        config.throttleFreeFailures(),
        Duration.ofSeconds(config.throttleMaxDelaySeconds()),
        config.throttleUserFailures());
  }
}
