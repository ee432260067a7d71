package cores.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random secret keys and the hashes under which they are stored. */
public final class Keys {
  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private Keys() {}

  /** A DRF-style token key: 20 random bytes as 40 lower-case hex digits. */
  static String tokenKey(SecureRandom random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * A key of a session, a password reset link or a calendar feed: 32 random bytes, base64url
   * without padding (43 characters), so it can stand in a cookie or a URL as it is.
   */
  static String urlSafeKey(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a value has the shape of {@link #urlSafeKey}: anything else is not looked up. */
  static boolean urlSafeShape(String key) {
    return key != null && URL_SAFE.matcher(key).matches();
  }

  /**
   * SHA-256 of the key as hex. The keys are long random values, so an unsalted fast hash is enough:
   * there is nothing to guess.
   */
  public static String hash(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
