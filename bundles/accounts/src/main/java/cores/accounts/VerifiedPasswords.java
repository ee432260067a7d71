package cores.accounts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passwords lately verified against a user's stored hash, remembered for a short while so that
 * scripts sending HTTP Basic credentials with every request do not pay a full password hash each
 * time. It holds keyed digests (HMAC-SHA256 under a random key that never leaves this process) of
 * the user's id and the password, never a password; and an entry counts only while the user's
 * stored hash is still the one it was verified against, so a password change or reset on any
 * instance ends it at the next request. Deactivation is checked on every login after this.
 */
final class VerifiedPasswords {
  /** How long a verified password is remembered. */
  static final Duration KEEP = Duration.ofMinutes(5);

  /** At most this many are remembered; the least recently used go first. */
  static final int CAPACITY = 10_000;

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  // access order: the eldest is the least recently used
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > CAPACITY;
        }
      };

  private record Entry(String storedHash, Instant until) {}

  VerifiedPasswords(SecureRandom random, Clock clock) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    this.key = new SecretKeySpec(bytes, HMAC);
    this.clock = clock;
  }

  /** Whether this password of the user was verified against {@code storedHash} lately. */
  boolean remembered(long userId, char[] password, String storedHash) {
    String digest = digest(userId, password);
    synchronized (entries) {
      Entry entry = entries.get(digest);
      if (entry == null) {
        return false;
      }
      boolean sameHash =
          MessageDigest.isEqual(
              entry.storedHash().getBytes(StandardCharsets.UTF_8),
              storedHash.getBytes(StandardCharsets.UTF_8));
      if (!sameHash || !clock.instant().isBefore(entry.until())) {
        entries.remove(digest);
        return false;
      }
      return true;
    }
  }

  /** Remembers that the password of the user matches {@code storedHash}. */
  void remember(long userId, char[] password, String storedHash) {
    String digest = digest(userId, password);
    synchronized (entries) {
      entries.put(digest, new Entry(storedHash, clock.instant().plus(KEEP)));
    }
  }

  int count() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private String digest(long userId, char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(ByteBuffer.allocate(Long.BYTES).putLong(userId).array());
      return HexFormat.of().formatHex(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }
}
