package cores.auth.kerberos;

import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the KDC's "no" from "could not ask". The JDK reports Kerberos errors as exceptions of its
 * internal classes ({@code sun.security.krb5.KrbException}), whose messages carry the RFC 4120
 * error code in parentheses (e.g. {@code Integrity check on decrypted field failed (31) -
 * PREAUTH_FAILED}); the code is the stable part.
 *
 * <p>A user who needs no pre-authentication (MIT's default for {@code addprinc}) gets an answer
 * from the KDC whatever the password: encrypted in the user's key, it does not decrypt with the key
 * of a wrong password. With AES keys the JDK says so without a code, as a {@code
 * GeneralSecurityException("Checksum failed")} under the login's exception; that too is a wrong
 * password.
 */
final class KdcFailures {
  /**
   * Codes that mean this user may not log in with this password: client unknown (6), revoked or
   * locked (18), password expired (23), pre-authentication failed (24), and the reply not
   * decrypting with the key of the typed password (31).
   */
  private static final Set<Integer> REFUSALS = Set.of(6, 18, 23, 24, 31);

  private static final Pattern CODE = Pattern.compile("\\((\\d{1,3})\\)");

  /** What the JDK's AES decryption says when the reply's checksum does not match the key. */
  private static final String UNDECRYPTABLE = "Checksum failed";

  private KdcFailures() {}

  /**
   * Whether the failure, or one of its causes, is the KDC refusing the credentials, or its answer
   * not decrypting with the password's key.
   */
  static boolean isRefusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof GeneralSecurityException && UNDECRYPTABLE.equals(t.getMessage())) {
        return true;
      }
      String message = t.getMessage();
      if (message != null) {
        Matcher code = CODE.matcher(message);
        while (code.find()) {
          if (REFUSALS.contains(Integer.parseInt(code.group(1)))) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
