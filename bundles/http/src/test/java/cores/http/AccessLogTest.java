package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogTest {
  @Test
  void keepsEachEntryOnOneLine() {
    assertEquals("/api/x?a=b??forged", AccessLog.clean("/api/x?a=b\r\nforged"));
    assertEquals("-", AccessLog.clean(null));
  }
}
