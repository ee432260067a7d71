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
  void typedTextStaysApartFromTheSitesWordsThroughTheCookie() {
    List<Flash.Message> messages =
        List.of(
            Flash.Message.of("success", "Reserved ", "pg-1", " for ", "Ann", "."),
            Flash.Message.of("success", "", "pg-1", " is now in rack 4."),
            new Flash.Message(
                "info", List.of(new Flash.Piece("a", true), new Flash.Piece("b", true))));
    List<Flash.Message> decoded = Flash.decode(Flash.encode(messages));
    assertEquals(messages, decoded);
    assertEquals(
        List.of(
            new Flash.Piece("Reserved ", false),
            new Flash.Piece("pg-1", true),
            new Flash.Piece(" for ", false),
            new Flash.Piece("Ann", true),
            new Flash.Piece(".", false)),
        decoded.get(0).pieces());
    assertEquals("Reserved pg-1 for Ann.", decoded.get(0).text());
  }

  @Test
  void aCookieSomeoneElseWroteIsDroppedNotAnError() {
    assertEquals(List.of(), Flash.decode("%%%~***"));
    assertEquals(List.of(), Flash.decode(null));
    assertEquals(List.of(new Flash.Message("info", "x")), Flash.decode("ZXZpbA~eA"));
  }
}
