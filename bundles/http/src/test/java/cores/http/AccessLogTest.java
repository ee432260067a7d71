package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogTest {
  @Test
  void aPasswordResetLinksKeyIsNeverLogged() {
    assertEquals("/password-reset/[key]", AccessLog.loggable("/password-reset/VZ0NaoVBeM"));
    assertEquals("/password-reset/[key]?x=1", AccessLog.loggable("/password-reset/VZ0Nao?x=1"));
    assertEquals("/password-reset/[key]/", AccessLog.loggable("/password-reset/VZ0Nao/"));
    assertEquals("/password-reset?next=/", AccessLog.loggable("/password-reset?next=/"));
    assertEquals("/password-reset/", AccessLog.loggable("/password-reset/"));
    assertEquals("/api/x?a=b", AccessLog.loggable("/api/x?a=b"));
  }

  @Test
  void keepsEachEntryOnOneLine() {
    assertEquals("/api/x?a=b??forged", AccessLog.clean("/api/x?a=b\r\nforged"));
    assertEquals("-", AccessLog.clean(null));
  }
}
