package cores.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for cookie sessions: HMAC-SHA256 of the session key under the secret key, base64url
 * without padding. Stateless, so any instance behind the proxy can check a token, and a token dies
 * with its session.
 */
public final class CsrfTokens {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public CsrfTokens(String secretKey) {
    if (secretKey == null || secretKey.isEmpty()) {
      throw new IllegalArgumentException("secret key must not be empty");
    }
    this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The token that unsafe requests of this session must carry. */
  public String tokenFor(String sessionKey) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(sessionKey.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether the token belongs to the session; compares in constant time. */
  public boolean matches(String sessionKey, String token) {
    if (sessionKey == null || token == null) {
      return false;
    }
    return MessageDigest.isEqual(
        tokenFor(sessionKey).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.UTF_8));
  }
}
