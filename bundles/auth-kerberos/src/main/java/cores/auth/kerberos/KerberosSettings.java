package cores.auth.kerberos;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The checked configuration.
 *
 * @param realm the realm in upper case: Kerberos realms are case-sensitive and by convention (and
 *     always in Active Directory) the upper-case DNS domain, while operators write {@code
 *     contoso.com} as in the original's documentation
 * @param service the service principal with its realm, when verification or SPNEGO is configured
 */
record KerberosSettings(
    String realm,
    Optional<String> service,
    Optional<String> kdc,
    Optional<Path> krb5Config,
    Optional<Path> keytab,
    boolean logging) {

  static KerberosSettings from(KerberosConfig config) {
    String realm = config.realm() == null ? "" : config.realm().trim().toUpperCase(Locale.ROOT);
    if (realm.isEmpty()) {
      throw new IllegalArgumentException("KERBEROS_REALM is required");
    }
    Optional<Path> keytab = text(config.keytab()).map(Path::of);
    Optional<String> service =
        text(config.service()).map(s -> s.contains("@") ? s : s + "@" + realm);
    if (keytab.isPresent() && service.isEmpty()) {
      throw new IllegalArgumentException(
          "KERBEROS_SERVICE is required when KERBEROS_KEYTAB is set");
    }
    return new KerberosSettings(
        realm,
        service,
        text(config.kdc()),
        text(config.krb5Config()).map(Path::of),
        keytab,
        config.logging());
  }

  private static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
