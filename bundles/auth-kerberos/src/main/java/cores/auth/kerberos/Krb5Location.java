package cores.auth.kerberos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tells the JDK's Kerberos where the KDC of the realm is. The JDK reads this only from system
 * properties, which are global to the JVM: of them, only {@code java.security.krb5.conf} is set,
 * and only when the operator named a KDC or a krb5.conf. {@code java.security.krb5.realm/kdc} would
 * instead override every krb5.conf for every realm in the process, so they stay untouched. With
 * KERBEROS_KDC a private krb5.conf is written to the bundle's data area (realm, KDC, TCP, short
 * timeouts); with only KRB5_CONFIG, that file is used as the MIT tools would. The logins ask the
 * JDK to re-read the file ({@code refreshKrb5Config}) because it caches what it read first. Closing
 * restores the previous value if it is still ours.
 */
final class Krb5Location implements AutoCloseable {
  static final String PROPERTY = "java.security.krb5.conf";

  /** A realm or host:port as it may appear in a krb5.conf without breaking its syntax. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");

  private final String previous;
  private final String ours;

  private Krb5Location(String previous, String ours) {
    this.previous = previous;
    this.ours = ours;
  }

  /**
   * Points the JDK at the configured KDC.
   *
   * @param privateFile where a private krb5.conf goes when KERBEROS_KDC is set
   */
  static Krb5Location apply(KerberosSettings settings, Path privateFile) throws IOException {
    String previous = System.getProperty(PROPERTY);
    if (settings.kdc().isPresent()) {
      Files.writeString(privateFile, privateConfig(settings.realm(), settings.kdc().get()));
      return set(previous, privateFile.toAbsolutePath().toString());
    }
    if (settings.krb5Config().isPresent()) {
      // readable, as the settings checked
      return set(previous, settings.krb5Config().get().toAbsolutePath().toString());
    }
    return new Krb5Location(previous, null);
  }

  private static Krb5Location set(String previous, String value) {
    System.setProperty(PROPERTY, value);
    return new Krb5Location(previous, value);
  }

  /** A krb5.conf for one realm with one KDC, over TCP, failing fast when the KDC is down. */
  static String privateConfig(String realm, String kdc) {
    if (!SAFE.matcher(realm).matches()) {
      throw new IllegalArgumentException("KERBEROS_REALM has characters a realm cannot have");
    }
    if (!SAFE.matcher(kdc).matches()) {
      throw new IllegalArgumentException("KERBEROS_KDC must be host or host:port");
    }
    return String.join(
        "\n",
        "# written by Cores from KERBEROS_REALM and KERBEROS_KDC; rewritten at every start",
        "[libdefaults]",
        "  default_realm = " + realm,
        "  dns_lookup_kdc = false",
        "  dns_lookup_realm = false",
        // TCP: one connection attempt tells "down" from "slow", and large tickets (AD PACs) fit
        "  udp_preference_limit = 1",
        "  kdc_timeout = 5000",
        "  max_retries = 1",
        "[realms]",
        "  " + realm + " = {",
        "    kdc = " + kdc,
        "  }",
        "");
  }

  @Override
  public void close() {
    if (ours == null || !Objects.equals(System.getProperty(PROPERTY), ours)) {
      return;
    }
    if (previous == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, previous);
    }
  }

  /** Which configuration the JDK reads, for the logs. */
  @Override
  public String toString() {
    return ours == null ? "the JVM's default krb5 configuration" : ours;
  }
}
