package cores.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlashTest {
  @Test
  void messagesSurviveTheCookieWhateverTheyContain() {
    List<Flash.Message> messages =
        List.of(
            new Flash.Message("success", "Booked <b>host</b>; \"quoted\" = 1, é"),
            new Flash.Message("danger", "second."));
    assertEquals(messages, Flash.decode(Flash.encode(messages)));
    assertEquals(Flash.encode(messages), Flash.encode(messages).strip(), "a cookie-safe value");
    assertEquals(
        true, Flash.encode(messages).matches("[A-Za-z0-9_~.-]+"), "only cookie-safe characters");
  }

  @Test
  void aCookieSomeoneElseWroteIsDroppedNotAnError() {
    assertEquals(List.of(), Flash.decode("%%%~***"));
    assertEquals(List.of(), Flash.decode(null));
    assertEquals(List.of(new Flash.Message("info", "x")), Flash.decode("ZXZpbA~eA"));
  }
}
