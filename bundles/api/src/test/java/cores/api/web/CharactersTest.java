package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
