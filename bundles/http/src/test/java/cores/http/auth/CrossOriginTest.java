package cores.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator may name as a trusted origin (the requests are in AuthenticationTest). */
class CrossOriginTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://cores.example.com",
        "http://cores.example.com:8080",
        "HTTPS://Cores.Example.COM",
        "https://[2001:db8::1]:8443",
        "https://10.0.0.5"
      })
  void originsAreTrustable(String origin) {
    assertTrue(CrossOrigin.trustable(origin), origin);
    new CrossOrigin("localhost", List.of(origin));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cores.example.com",
        "https://cores.example.com/",
        "https://cores.example.com/path",
        "https://cores.example.com?x=1",
        "https://user@cores.example.com",
        "ftp://cores.example.com",
        "null",
        "https://",
        "https://*.example.com",
        ""
      })
  void otherValuesAreNot(String value) {
    assertFalse(CrossOrigin.trustable(value), value);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new CrossOrigin("localhost", List.of(value)));
    assertEquals("not an origin (scheme://host[:port]): " + value, e.getMessage());
  }
}
