package cores.admin;

import cores.api.admin.AdminField;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Whether an object changed between the opening of its change form and the form's save, so that one
 * person's save never silently undoes another's. The form carries a digest of what it was opened
 * on: the writable fields of the object and of its inline rows, as the desk shows them (a field
 * that only Cores writes, such as a host's last-seen time, does not count). A save whose digest is
 * no longer the object's is refused with nothing written, and so is a save without the digest (a
 * client that left it out would bypass the check).
 *
 * <p>The check is made just before the write, not in its transaction: two saves of one object
 * within the same few milliseconds are not told apart (both are then in the object's history).
 */
final class EditedSince {
  /** The form field that carries the digest. */
  static final String FIELD = "_opened";

  /** Hex digits of a digest: the first 16 bytes of a SHA-256. */
  private static final int DIGEST_LENGTH = 32;

  /** By form name, in a fixed order. */
  private final Map<String, String> edited = new TreeMap<>();

  /**
   * Whether the text has the shape of a {@link #digest}: a form Cores served never sends anything
   * else, so another value is a tampered form, not a sign that someone else changed the object.
   */
  static boolean wellFormed(String opened) {
    return opened.length() == DIGEST_LENGTH
        && opened.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  /** Adds the writable fields' values, under their names in the form. */
  EditedSince add(
      List<AdminField> fields, Map<String, String> values, UnaryOperator<String> formName) {
    for (AdminField field : fields) {
      if (field.writable()) {
        edited.put(formName.apply(field.name()), values.getOrDefault(field.name(), ""));
      }
    }
    return this;
  }

  /** The digest of everything added. */
  String digest() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    for (Map.Entry<String, String> entry : edited.entrySet()) {
      update(sha, entry.getKey());
      update(sha, entry.getValue());
    }
    return HexFormat.of().formatHex(sha.digest(), 0, DIGEST_LENGTH / 2);
  }

  /** Length-prefixed, so that no two different forms give the same bytes. */
  private static void update(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    sha.update(bytes);
  }
}
