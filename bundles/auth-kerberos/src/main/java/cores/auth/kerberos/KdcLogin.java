package cores.auth.kerberos;

import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password logins against the realm's KDC, verified with the service's keytab when there is one,
 * and the SPNEGO scheme of that keytab. Holds the JVM's krb5 configuration pointer until closed.
 */
final class KdcLogin implements AutoCloseable {
  static final String PROVIDER = "kerberos";

  private static final Logger LOG = LoggerFactory.getLogger(KdcLogin.class);

  /**
   * A user's own name: no instance ({@code /}, service principals such as {@code krbtgt/...} must
   * not log in), no realm ({@code @}: the realm is configured), no escapes or control characters.
   */
  private static final Pattern USERNAME = Pattern.compile("[^/@\\\\\\p{Cntrl}\\s]+");

  private final KerberosSettings settings;
  private final Krb5Location location;
  private final JdkLogins logins = new JdkLogins();
  private final Optional<ServiceKeys> keys;

  /**
   * @param privateKrb5Conf where a krb5.conf naming KERBEROS_KDC is written
   */
  KdcLogin(KerberosSettings settings, Path privateKrb5Conf) throws IOException {
    this.settings = settings;
    this.location = Krb5Location.apply(settings, privateKrb5Conf);
    this.keys =
        settings.keytab().map(keytab -> new ServiceKeys(settings.service().get(), keytab, logins));
    LOG.info(
        "Kerberos login for realm {} using {}{}",
        settings.realm(),
        location,
        keys.map(k -> "; KDC answers verified and SPNEGO offered as " + k.principal()).orElse(""));
  }

  /** SPNEGO, when a keytab is configured. */
  Optional<NegotiateScheme> negotiate() {
    return keys.map(k -> new NegotiateScheme(k, settings.realm(), settings.logging()));
  }

  Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException {
    // an empty password never reaches the KDC
    if (password == null || password.length == 0 || username == null) {
      return Optional.empty();
    }
    if (!USERNAME.matcher(username).matches()) {
      debug("Kerberos: {} is not a user principal name; not asking the KDC", username);
      return Optional.empty();
    }
    String principal = username + "@" + settings.realm();
    Subject subject;
    try {
      subject = logins.withPassword(principal, password);
    } catch (LoginException e) {
      if (KdcFailures.isRefusal(e)) {
        debug("Kerberos: the KDC refused {}: {}", principal, e.getMessage());
        return Optional.empty();
      }
      throw new AuthenticationUnavailableException(
          "The KDC of " + settings.realm() + " could not be asked: " + e.getMessage(), e);
    }
    try {
      debug("Kerberos: the KDC issued a ticket-granting ticket to {}", principal);
      if (keys.isPresent()) {
        if (!keys.get().verify(subject, principal)) {
          LOG.warn(
              "Kerberos: the KDC's answer for {} was not accepted with the keytab of {}: "
                  + "a wrong keytab, or not the realm's KDC",
              principal,
              keys.get().principal());
          return Optional.empty();
        }
        debug("Kerberos: the KDC's answer for {} is verified", principal);
      }
      return Optional.of(Identity.of(PROVIDER, username));
    } finally {
      JdkLogins.destroy(subject);
    }
  }

  private void debug(String format, Object... arguments) {
    if (settings.logging()) {
      LOG.info(format, arguments);
    }
  }

  @Override
  public void close() {
    keys.ifPresent(ServiceKeys::close);
    location.close();
  }
}
