package cores.launcher.env;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's own environment variables, parsed into its settings; with the two read beside them
 * ({@link #names}) and the variables the features declare (their own switches and settings), the
 * list of every variable Cores reads: docs/docs/configuration.md and etc/cores.env.example document
 * exactly these (a test compares them). The declaration order is the order of the masked view shown
 * to admins.
 */
public enum Variable {
  HOSTNAME("localhost", false),
  SECRET_KEY(null, true),
  DEBUG("False", false),
  POSTGRES_HOST(null, false),
  POSTGRES_PORT("5432", false),
  POSTGRES_DB("cores", false),
  POSTGRES_USER(null, false),
  POSTGRES_PASSWORD(null, true),
  CORES_HTTP_PORT("8000", false),
  CORES_HTTP_ADDRESS(null, false),
  CORES_TRUSTED_PROXIES("127.0.0.1,::1,nginx", false),
  CORES_TRUSTED_ORIGINS(null, false),
  CORES_HTTP_MAX_ACTIVE("0", false),
  CORES_DATA("./data", false),
  CORES_PLUGINS("./plugins", false),
  CORES_DB_POOL_SIZE("10", false),
  CORES_DB_WAIT_SECONDS("30", false),
  CORES_MORNING_JOB_AT("06:00", false),
  CORES_MAINTENANCE_JOB_AT("03:00", false),
  CORES_TIME_ZONE("UTC", false),
  CORES_MAIL_RETRY_SECONDS("30", false),
  CORES_CHANGELOG_DAYS("365", false);

  /** The JVM's options, read by {@code bin/cores}. */
  public static final String JAVA_OPTS = "CORES_JAVA_OPTS";

  /** The new admin's password, read by the createsuperuser command. */
  public static final String SUPERUSER_PASSWORD = "CORES_SUPERUSER_PASSWORD";

  /** How a secret is shown wherever the configuration is displayed. */
  public static final String MASK = "****";

  private final String defaultValue;
  private final boolean secret;

  Variable(String defaultValue, boolean secret) {
    this.defaultValue = defaultValue;
    this.secret = secret;
  }

  /** The documented default, as an operator would write it; empty when there is none. */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The names of every variable Cores reads: the settings', then the two read elsewhere. */
  public static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Variable v : values()) {
      names.add(v.name());
    }
    names.add(JAVA_OPTS);
    names.add(SUPERUSER_PASSWORD);
    return Collections.unmodifiableSet(names);
  }

  /** Whether the value must never be logged or shown. */
  public boolean secret() {
    return secret;
  }
}
