package cores.web.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.booking.Hold;
import cores.api.booking.UserRef;
import cores.api.web.ProblemException;
import cores.web.Form;
import cores.web.Rendered;
import cores.web.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cancel page of a booking or reservation that has started. */
class CancelPageTest {
  private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  private static final String STARTED =
      "This reservation has already started and can no longer be cancelled.";

  private static final Hold RESERVATION =
      new Hold(
          Hold.Kind.RESERVATION,
          1,
          2,
          3,
          "node01",
          null,
          new UserRef(4, "ann", "Ann"),
          NOW.minusSeconds(60),
          null,
          "",
          NOW.minusSeconds(60));

  @Test
  void openedItSaysOnceThatItHasStarted() {
    assertEquals(1, Rendered.count(page(Form.of(Map.of())), STARTED));
  }

  /** A cancel posted from a page opened before the start: the refusal is said once, not twice. */
  @Test
  void aCancelRefusedAfterTheStartSaysItOnce() {
    Form refused =
        Form.of(Map.of()).refused(new ProblemException(409, "Conflict", STARTED), Map.of());
    String page = page(refused);
    assertEquals(1, Rendered.count(page, STARTED), page);
    assertTrue(page.contains("Back to the start page"), page);
  }

  private static String page(Form form) {
    return Rendered.page(
        "booking/cancel.jte",
        "Cancel this reservation?",
        "/reservations/1/cancel",
        new HoldView(RESERVATION, new Times(ZoneId.of("Europe/Zurich"), NOW), form, "token"));
  }
}
