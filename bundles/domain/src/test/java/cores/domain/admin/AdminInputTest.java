package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.web.ProblemException;
import cores.domain.inventory.Models;
import cores.domain.inventory.Values;
import cores.domain.notices.Notices;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin's form values as the domain's input. */
class AdminInputTest {
  private static final FormInput FORMS = new FormInput(ZoneId.of("Europe/Zurich"));

  @Test
  void aBlankOptionalChoiceIsNoValueSoANewRowTakesTheColumnsDefault() {
    // a null style was inserted as such: the NOT NULL column refused it with a 500
    Map<String, Object> input =
        FORMS.of(
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
    Map<String, Object> input = FORMS.of(Notices.MODEL, Map.of("message", "m"));
    assertTrue(input.containsKey("title"));
    assertEquals(null, input.get("title"));
  }

  /**
   * A time typed in a form is left as typed for the writes, which read it by the one rule of
   * date-times (Values.time): without an offset, the site's, as a date-and-time box gives it.
   */
  @Test
  void aTimeWithoutAnOffsetIsTheSitesAsADateAndTimeBoxGivesIt() {
    for (String typed : List.of("2027-01-01 10:00", "2027-01-01T10:00", "2027-01-01T10:00:00")) {
      Map<String, Object> input =
          FORMS.of(Notices.MODEL, Map.of("title", "t", "message", "m", "expires", typed));
      assertEquals(typed, input.get("expires"));
      assertEquals(Instant.parse("2027-01-01T09:00:00Z"), Values.time(typed, FORMS.zone()), typed);
    }
    IllegalArgumentException alone =
        assertThrows(IllegalArgumentException.class, () -> Values.time("x", FORMS.zone()));
    assertTrue(alone.getMessage().contains("2026-01-31T09:00"), alone.getMessage());
  }

  @Test
  void aNumberBeyondALongIsToldItIsTooLarge() {
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () -> FORMS.of(Models.RACK, Map.of("lab", "1", "number", "99999999999999999999")));
    assertEquals(List.of(Values.TOO_LARGE), refused.errors().get("number"));
  }

  @Test
  void untouchedTextAndTimesKeepTheirStoredValuesLineBreaksAndSecondsIncluded() {
    Instant expires = Instant.parse("2027-01-01T09:00:00.123456Z");
    Map<String, Object> stored =
        Map.of("title", "  Title ", "message", "line one\nline two\n", "expires", expires);
    Map<String, String> posted =
        Map.of("title", "Title", "message", "line one\r\nline two", "expires", "2027-01-01T10:00");
    Map<String, Object> input = new LinkedHashMap<>(FORMS.of(Notices.MODEL, posted));
    FORMS.keepUntouched(Notices.MODEL, posted, input, stored);
    assertEquals("  Title ", input.get("title"));
    assertEquals("line one\nline two\n", input.get("message"));
    assertEquals(expires.toString(), input.get("expires"));
    assertEquals("2027-01-01T10:00", FORMS.shown(Notices.MODEL, stored).get("expires"));

    Map<String, String> typed = Map.of("title", "New", "message", "one\r\ntwo");
    Map<String, Object> changed = new LinkedHashMap<>(FORMS.of(Notices.MODEL, typed));
    FORMS.keepUntouched(Notices.MODEL, typed, changed, stored);
    assertEquals("New", changed.get("title"));
    assertEquals("one\ntwo", changed.get("message"), "typed line breaks are stored as LF");
  }
}
