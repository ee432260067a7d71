package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableTextTest {
  @Test
  void storableTextRefusesNulAndLoneSurrogatesOnly() {
    assertEquals(StorableText.NUL_MESSAGE, StorableText.problem("a\u0000b"));
    assertEquals(StorableText.SURROGATE_MESSAGE, StorableText.problem("a\ud800"));
    assertEquals(StorableText.SURROGATE_MESSAGE, StorableText.problem("\ude00\ud83d"));
    // PostgreSQL stores the other control characters as sent
    assertNull(StorableText.problem("tab\tline\nreturn\r\u001b\u007f\u0001"));
    assertNull(StorableText.problem("\ud83d\ude00"));
    assertNull(StorableText.problem(null));
    assertEquals("a\ufffdb\ufffd", StorableText.shown("a\u0000b\ud800"));
  }

  @Test
  void storableTextFindsTheProblemsOfAFormAtTheirFields() {
    Map<String, List<String>> posted = new LinkedHashMap<>();
    posted.put("details", List.of("fine", "a\u0000b"));
    posted.put("name", List.of("ok"));
    posted.put("bad\u0000name", List.of("ok"));
    assertEquals(
        Map.of(
            "details", List.of(StorableText.NUL_MESSAGE),
            "bad\ufffdname", List.of(StorableText.NUL_MESSAGE)),
        StorableText.problems(posted));
    assertEquals(Map.of(), StorableText.problems(Map.of("name", List.of("ok"))));
    assertEquals(Map.of(), StorableText.problems(null));
  }
}
