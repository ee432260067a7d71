package cores.api.auth;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks a username and password against one source of identities.
 *
 * <p>Providers are OSGi services. They are tried in the order of their {@code service.ranking}
 * (highest first); the local-account provider is always present. A provider that is switched off in
 * the environment has no configuration and therefore no registered service.
 */
@ConsumerType
public interface AuthenticationProvider {

  /** Short, stable name shown to admins, e.g. {@code local}, {@code ldap}, {@code kerberos}. */
  String name();

  /**
   * Verifies the credentials.
   *
   * @return the identity when the password is right; empty when the user is unknown to this
   *     provider or the password is wrong
   * @throws AuthenticationUnavailableException when the provider cannot decide (its server is down
   *     or misconfigured): the caller reports "authentication service unavailable", not a wrong
   *     password
   */
  Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException;
}
