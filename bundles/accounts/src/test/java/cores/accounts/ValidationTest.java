package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final String FACE = "\ud83d\ude00";

  @Test
  void namesUpToTheirLimitInCharactersAreTakenWhateverTheirUnits() {
    assertNull(Validation.name(FACE.repeat(Validation.NAME_MAX), null));
    assertEquals(
        "at most " + Validation.NAME_MAX + " characters",
        Validation.name(FACE.repeat(Validation.NAME_MAX + 1), null));
  }

  /** "\u202enimda" would read "admin" in every list that shows it. */
  @Test
  void directionControlsAreRefusedInNamesAndEmailAddresses() {
    for (String control :
        new String[] {"\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2069"}) {
      assertTrue(
          Validation.name(control + "nimda", null).startsWith("must not contain Unicode"), control);
      assertEquals(
          "not a valid email address",
          Validation.email(control + "moc.elpmaxe@nimda", true),
          control);
      assertEquals(
          "not a valid email address", Validation.email("admin@" + control + "example.com", true));
    }
    // right-to-left scripts and the marks that only hint at direction stay welcome
    assertNull(Validation.name("\u05d3\u05e0\u05d4 \u0644\u064a\u0644\u0649\u200f", null));
    assertNull(Validation.email("\u05d3\u05e0\u05d4@example.com", true));
  }

  /**
   * A name is one line, as the inventory's names are; one stored before the rule, sent back as it
   * is, is still taken (its length still checked), so that it does not block an edit.
   */
  @Test
  void namesAreOneLineUnlessSentBackAsStored() {
    for (String broken :
        new String[] {"Ann\nLee", "Ann\rLee", "Ann\tLee", "Ann\u2028", "A\u0085"}) {
      String problem = Validation.name(broken, null);
      assertTrue(
          problem != null && problem.startsWith("must not contain line breaks or other control"),
          broken + ": " + problem);
      assertNull(Validation.name(broken, broken), broken);
      assertTrue(Validation.name(broken, "Ann").startsWith("must not contain line breaks"));
    }
    assertEquals(
        "must not contain line breaks or other control characters (Unicode category Cc, U+2028,"
            + " U+2029): it is one line; U+000A at character 4",
        Validation.name("Ann\nLee", "Ann Lee"));
    assertNull(Validation.name("\u202enimda", "\u202enimda"));
    String tooLong = "\n".repeat(Validation.NAME_MAX + 1);
    assertEquals("at most 150 characters", Validation.name(tooLong, tooLong));
  }
}
