package cores.auth.kerberos;

import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.HttpAuthenticationScheme;
import cores.api.auth.Identity;
import java.util.Base64;
import org.ietf.jgss.GSSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPNEGO (RFC 4559): {@code Authorization: Negotiate <base64 token>} accepted with the service's
 * keytab. Only users of the configured realm are accepted, by the first part of their principal (as
 * with a password login); service principals ({@code name/instance}) are refused.
 */
final class NegotiateScheme implements HttpAuthenticationScheme {
  private static final Logger LOG = LoggerFactory.getLogger(NegotiateScheme.class);

  private final ServiceKeys keys;
  private final String realm;
  private final boolean logging;

  NegotiateScheme(ServiceKeys keys, String realm, boolean logging) {
    this.keys = keys;
    this.realm = realm;
    this.logging = logging;
  }

  @Override
  public String scheme() {
    return "Negotiate";
  }

  @Override
  public Outcome authenticate(String credentials) throws AuthenticationUnavailableException {
    byte[] token;
    try {
      token = Base64.getDecoder().decode(credentials);
    } catch (IllegalArgumentException e) {
      debug("SPNEGO: the token is not base64");
      return Outcome.refused();
    }
    if (token.length == 0) {
      return Outcome.refused();
    }
    ServiceKeys.Accepted accepted;
    try {
      accepted = keys.accept(token, ServiceKeys.SPNEGO);
    } catch (GSSException e) {
      debug("SPNEGO: token refused: {}", e.getMessage());
      return Outcome.refused();
    }
    int at = accepted.client().lastIndexOf('@');
    String user = at < 0 ? accepted.client() : accepted.client().substring(0, at);
    String clientRealm = at < 0 ? "" : accepted.client().substring(at + 1);
    if (!clientRealm.equals(realm) || user.isEmpty() || user.contains("/")) {
      debug("SPNEGO: {} is not a user of realm {}", accepted.client(), realm);
      return Outcome.refused();
    }
    debug("SPNEGO: accepted {}", accepted.client());
    return Outcome.accepted(
        Identity.of(KdcLogin.PROVIDER, user),
        accepted.response().map(r -> Base64.getEncoder().encodeToString(r)));
  }

  private void debug(String format, Object... arguments) {
    if (logging) {
      LOG.info(format, arguments);
    }
  }
}
