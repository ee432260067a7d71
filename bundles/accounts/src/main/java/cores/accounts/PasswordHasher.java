package cores.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in Django's {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>} format, so
 * that users imported from the original Cores keep their passwords.
 */
public final class PasswordHasher {
  static final String ALGORITHM = "pbkdf2_sha256";

  /** Django 4.2's count; stored hashes record their own count, so raising it later is safe. */
  static final int ITERATIONS = 600_000;

  /** Prefix of a password that can never match (Django's {@code UNUSABLE_PASSWORD_PREFIX}). */
  static final String UNUSABLE_PREFIX = "!";

  private static final String SALT_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int SALT_LENGTH = 22;
  private static final int HASH_BYTES = 32;

  /** Iterations above this are refused: a planted hash must not make one login take minutes. */
  private static final int MAX_ITERATIONS = 10_000_000;

  private final SecureRandom random;
  private final int iterations;

  /** Hashed when the user is unknown, so that timing does not tell whether a username exists. */
  private final String dummy;

  public PasswordHasher(SecureRandom random) {
    this(random, ITERATIONS);
  }

  PasswordHasher(SecureRandom random, int iterations) {
    this.random = random;
    this.iterations = iterations;
    // any well-formed hash with the current count costs the same to check; computing a real one
    // here would slow down every start
    this.dummy =
        ALGORITHM
            + "$"
            + iterations
            + "$unknownuser$"
            + Base64.getEncoder().encodeToString(new byte[HASH_BYTES]);
  }

  /** A fresh hash of the password with a random salt. */
  public String hash(char[] password) {
    return encode(password, randomString(SALT_LENGTH, random), iterations);
  }

  /** The hash of the password with the given salt and iterations, in Django's format. */
  static String encode(char[] password, String salt, int iterations) {
    if (salt.isEmpty() || salt.contains("$")) {
      throw new IllegalArgumentException("salt");
    }
    byte[] digest = pbkdf2(password, salt, iterations);
    return ALGORITHM
        + "$"
        + iterations
        + "$"
        + salt
        + "$"
        + Base64.getEncoder().encodeToString(digest);
  }

  /** Whether the password matches the encoded hash; false for unusable or foreign hashes. */
  boolean verify(char[] password, String encoded) {
    if (encoded == null || password.length == 0) {
      return false;
    }
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !ALGORITHM.equals(parts[0]) || parts[2].isEmpty()) {
      return false;
    }
    int count;
    byte[] expected;
    try {
      count = Integer.parseInt(parts[1]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (count < 1 || count > MAX_ITERATIONS || expected.length != HASH_BYTES) {
      return false;
    }
    return MessageDigest.isEqual(pbkdf2(password, parts[2], count), expected);
  }

  /** Spends about the time of one verification and fails: for unknown users. */
  void verifyDummy(char[] password) {
    verify(password.length == 0 ? new char[] {' '} : password, dummy);
  }

  /** Whether a matching hash should be replaced because it is weaker than new ones. */
  boolean needsRehash(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
      return true;
    }
    try {
      return Integer.parseInt(parts[1]) < iterations;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** A password that never matches: Django's {@code make_password(None)}. */
  public String unusable() {
    return UNUSABLE_PREFIX + randomString(40, random);
  }

  static boolean usable(String encoded) {
    return encoded != null && !encoded.startsWith(UNUSABLE_PREFIX);
  }

  private static byte[] pbkdf2(char[] password, String salt, int iterations) {
    PBEKeySpec spec =
        new PBEKeySpec(password, salt.getBytes(StandardCharsets.UTF_8), iterations, HASH_BYTES * 8);
    try {
      // SunJCE encodes the password chars as UTF-8, as Django does
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String randomString(int length, SecureRandom random) {
    StringBuilder result = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      result.append(SALT_CHARS.charAt(random.nextInt(SALT_CHARS.length())));
    }
    return result.toString();
  }
}
