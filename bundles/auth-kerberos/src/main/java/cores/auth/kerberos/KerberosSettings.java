package cores.auth.kerberos;

import cores.api.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationException;

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

  /**
   * @throws ConfigurationException naming the property that is wrong
   */
  static KerberosSettings from(KerberosConfig config) throws ConfigurationException {
    String realm = Settings.required("realm", config.realm()).toUpperCase(Locale.ROOT);
    Optional<Path> keytab = text(config.keytab()).map(Path::of);
    Optional<String> service =
        text(config.service()).map(s -> s.contains("@") ? s : s + "@" + realm);
    if (keytab.isPresent() && service.isEmpty()) {
      throw new ConfigurationException("service", "required when {keytab} is set");
    }
    Optional<String> krb5Config = text(config.krb5Config());
    if (krb5Config.isPresent() && !Files.isReadable(Path.of(krb5Config.get()).toAbsolutePath())) {
      throw new ConfigurationException(
          "krb5Config", Settings.quote(krb5Config.get()) + " cannot be read");
    }
    return new KerberosSettings(
        realm,
        service,
        text(config.kdc()),
        krb5Config.map(Path::of),
        keytab,
        Settings.bool("logging", config.logging(), false));
  }

  private static Optional<String> text(String value) {
    return Settings.text(value);
  }
}
