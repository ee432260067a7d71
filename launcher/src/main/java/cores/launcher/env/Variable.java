package cores.launcher.env;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every environment variable Cores parses into its settings, and ({@link #names}) with the two read
 * beside them the list of every variable Cores reads: docs/docs/configuration.md and
 * etc/cores.env.example document exactly these (a test compares them). The declaration order is the
 * order of the masked view shown to admins.
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
  LDAP_AUTH("False", false),
  LDAP_AUTH_DIRECT("False", false),
  LDAP_URI(null, false),
  LDAP_BIND_DN(null, false),
  LDAP_BIND_PASS(null, true),
  LDAP_SEARCH_PATH(null, false),
  LDAP_LOGGING("False", false),
  LDAP_STARTTLS("False", false),
  LDAP_TIMEOUT_SECONDS("10", false),
  LDAP_CA_FILE(null, false),
  LDAP_GROUP_MAP(null, false),
  LDAP_STAFF_GROUP(null, false),
  LDAP_SUPERUSER_GROUP(null, false),
  LDAP_REQUIRE_GROUP(null, false),
  KERBEROS_AUTH("False", false),
  KERBEROS_REALM(null, false),
  KERBEROS_SERVICE(null, false),
  KERBEROS_KDC(null, false),
  KRB5_CONFIG(null, false),
  KERBEROS_KEYTAB(null, false),
  SMTP_SERVER("False", false),
  SMTP_PORT("25", false),
  SMTP_FROM("noreply@cores.local", false),
  SMTP_USER(null, false),
  SMTP_PASSWORD(null, true),
  SMTP_STARTTLS("False", false),
  SMTP_SSL("False", false),
  CORES_HTTP_PORT("8000", false),
  CORES_TRUSTED_PROXIES("127.0.0.1,::1,nginx", false),
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
