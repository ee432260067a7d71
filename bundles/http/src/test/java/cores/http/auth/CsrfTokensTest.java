package cores.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {
  private final CsrfTokens tokens = new CsrfTokens("s3cret");

  @Test
  void isTheBase64UrlHmacOfTheSessionKey() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal("session-1".getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, tokens.tokenFor("session-1"));
    assertEquals(43, expected.length());
  }

  @Test
  void matchesOnlyItsOwnSession() {
    String token = tokens.tokenFor("session-1");
    assertTrue(tokens.matches("session-1", token));
    assertFalse(tokens.matches("session-2", token));
    assertFalse(tokens.matches("session-1", token.substring(1)));
    assertFalse(tokens.matches("session-1", null));
    assertFalse(tokens.matches("session-1", ""));
  }

  @Test
  void dependsOnTheSecretKey() {
    assertNotEquals(tokens.tokenFor("s"), new CsrfTokens("other").tokenFor("s"));
  }

  @Test
  void refusesAnEmptyKey() {
    assertThrows(IllegalArgumentException.class, () -> new CsrfTokens(""));
  }
}
