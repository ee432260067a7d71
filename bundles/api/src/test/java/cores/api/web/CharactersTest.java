package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class CharactersTest {
  private static final String FACE = "\ud83d\ude00"; // one character, two UTF-16 units

  @Test
  void anEmojiIsOneCharacterAsPostgresqlCountsIt() {
    assertEquals(1, Characters.count(FACE));
    assertEquals(3, Characters.count("a" + FACE + "b"));
    assertEquals(2, Characters.count(("x" + FACE).toCharArray()));
  }

  @Test
  void atMostCountsCharactersNotUnits() {
    assertNull(Characters.atMost(FACE.repeat(100), 100));
    assertEquals("at most 100 characters", Characters.atMost(FACE.repeat(101), 100));
    assertNull(Characters.atMost(null, 1));
  }

  /**
   * No control character goes into a page raw: the C0 controls and DEL as references a browser
   * reads back as themselves, NUL and the C1 controls as U+FFFD (a browser reads {@code &#x80;} as
   * "€"), the rest as they are.
   */
  @Test
  void aPageHoldsNoControlCharacterRaw() {
    assertEquals(
        "a\uFFFDb&#x1B;&#x7F;\uFFFD\uFFFD\uFFFD\u00a0\t\r\n\u00e9",
        Characters.inHtml("a\u0000b\u001b\u007f\u0080\u0085\u009f\u00a0\t\r\n\u00e9"));
    assertEquals("\uFFFD", Characters.inHtml('\u0093'));
    assertNull(Characters.inHtml('\u00a0'));
    String plain = "no control here \u00e9";
    assertSame(plain, Characters.inHtml(plain));
  }
}
