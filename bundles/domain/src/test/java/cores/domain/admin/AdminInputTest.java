package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.domain.notices.Notices;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin's form values as the domain's input. */
class AdminInputTest {

  @Test
  void aBlankOptionalChoiceIsNoValueSoANewRowTakesTheColumnsDefault() {
    // a null style was inserted as such: the NOT NULL column refused it with a 500
    Map<String, Object> input =
        FormInput.of(
            Notices.MODEL,
            Map.of("title", "t", "message", "m", "style", "", "priority", "", "expires", ""));
    assertFalse(input.containsKey("style"), input.toString());
    assertFalse(input.containsKey("priority"), input.toString());
    assertFalse(input.containsKey("expires"), input.toString());
    assertEquals("t", input.get("title"));
    assertEquals(false, input.get("visible"), "an unticked box is false");
  }

  @Test
  void aBlankRequiredFieldIsGivenAsNoneSoItIsRefusedAtItsField() {
    Map<String, Object> input = FormInput.of(Notices.MODEL, Map.of("message", "m"));
    assertTrue(input.containsKey("title"));
    assertEquals(null, input.get("title"));
  }
}
