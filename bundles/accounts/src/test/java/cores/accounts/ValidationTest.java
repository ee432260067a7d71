package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final String FACE = "\ud83d\ude00";

  @Test
  void namesUpToTheirLimitInCharactersAreTakenWhateverTheirUnits() {
    assertNull(Validation.name(FACE.repeat(Validation.NAME_MAX)));
    assertEquals(
        "at most " + Validation.NAME_MAX + " characters",
        Validation.name(FACE.repeat(Validation.NAME_MAX + 1)));
  }

  /** "\u202enimda" would read "admin" in every list that shows it. */
  @Test
  void directionControlsAreRefusedInNamesAndEmailAddresses() {
    for (String control :
        new String[] {"\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2069"}) {
      assertTrue(
          Validation.name(control + "nimda").startsWith("must not contain Unicode"), control);
      assertEquals(
          "not a valid email address",
          Validation.email(control + "moc.elpmaxe@nimda", true),
          control);
      assertEquals(
          "not a valid email address", Validation.email("admin@" + control + "example.com", true));
    }
    // right-to-left scripts and the marks that only hint at direction stay welcome
    assertNull(Validation.name("\u05d3\u05e0\u05d4 \u0644\u064a\u0644\u0649\u200f"));
    assertNull(Validation.email("\u05d3\u05e0\u05d4@example.com", true));
  }
}
