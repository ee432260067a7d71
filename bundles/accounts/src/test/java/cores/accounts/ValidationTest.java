package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
