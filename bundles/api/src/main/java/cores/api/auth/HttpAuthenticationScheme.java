package cores.api.auth;

import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Authenticates HTTP requests that carry {@code Authorization: <scheme> <credentials>} for a scheme
 * the HTTP bundle does not know itself, e.g. {@code Negotiate} (SPNEGO, RFC 4559). Services of this
 * type are picked up while they are registered; the HTTP bundle creates or refreshes the local user
 * of the returned identity through {@code Accounts.provision} and challenges anonymous requests
 * that need a user with {@code WWW-Authenticate: <scheme>}, so that clients that can use the scheme
 * do.
 *
 * @since 1.1
 */
@ConsumerType
public interface HttpAuthenticationScheme {

  /**
   * The scheme name as it appears in the headers, e.g. {@code Negotiate}; compared ignoring case.
   */
  String scheme();

  /**
   * Checks the credentials of one request.
   *
   * @param credentials what follows the scheme name in the {@code Authorization} header, trimmed
   *     (for {@code Negotiate} the base64 GSS token)
   * @return who the request comes from, or a refusal
   * @throws AuthenticationUnavailableException when the scheme cannot decide now (misconfigured,
   *     its key material unreadable): the caller answers 503, not 401
   */
  Outcome authenticate(String credentials) throws AuthenticationUnavailableException;

  /**
   * The answer to one request.
   *
   * @param identity who the request comes from; empty when the credentials are refused
   * @param response credentials for the client in {@code WWW-Authenticate: <scheme> <response>}
   *     (for {@code Negotiate} the base64 token of mutual authentication); empty when there are
   *     none
   */
  record Outcome(Optional<Identity> identity, Optional<String> response) {
    public Outcome {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(response, "response");
    }

    public static Outcome accepted(Identity identity, Optional<String> response) {
      return new Outcome(Optional.of(identity), response);
    }

    public static Outcome refused() {
      return new Outcome(Optional.empty(), Optional.empty());
    }
  }
}
