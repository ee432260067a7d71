package cores.web.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.accounts.User;
import cores.api.booking.BookableResults;
import cores.api.booking.Hold;
import cores.api.booking.UserRef;
import cores.web.Rendered;
import cores.web.Times;
import cores.web.account.UserPages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A booking or reservation reads the same on the start page and on its user's page: the columns
 * "From" and "Until" (a reservation's end too, or "open-ended"), the state "2 days left", "active"
 * (open-ended) or "starts in".
 */
class HoldWordsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Times TIMES = new Times(ZoneOffset.UTC, NOW);

  private static Hold hold(Hold.Kind kind, long id, Instant start, Instant end) {
    return new Hold(
        kind, id, 3, 5, "pg-1", "10.0.0.5", new UserRef(2, "ann", "Ann"), start, end, "", start);
  }

  private static final Hold BOOKING =
      hold(Hold.Kind.BOOKING, 7, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(2)));
  private static final Hold RESERVATION =
      hold(Hold.Kind.RESERVATION, 8, NOW.minus(Duration.ofHours(1)), null);
  private static final Hold LATER =
      hold(Hold.Kind.RESERVATION, 9, NOW.plus(Duration.ofDays(3)), null);
  private static final Hold ENDING =
      hold(
          Hold.Kind.RESERVATION,
          10,
          NOW.minus(Duration.ofDays(1)),
          Instant.parse("2026-12-20T15:30:00Z"));

  @Test
  void theStartPageAndTheUserPageNameTheColumnsAndStatesAlike() {
    String home =
        Rendered.page(
            "booking/home.jte",
            "Hello Ann",
            "/",
            new Dashboard(
                TIMES,
                "Ann",
                2,
                false,
                List.of(),
                new HomePage.Held(List.of(BOOKING), false),
                new HomePage.Held(List.of(RESERVATION, LATER, ENDING), false),
                new BookableResults(0, List.of()),
                ""));
    User ann = new User(2, "ann", "Ann", "Lee", "", true, false, false, Set.of(), Set.of(), null);
    String user =
        Rendered.page(
            "account/user.jte",
            "Ann Lee",
            "/users/2",
            new UserPages.UserView(
                ann, TIMES, List.of(BOOKING), List.of(RESERVATION, LATER, ENDING), false, ""));
    for (String page : List.of(home, user)) {
      assertFalse(page.contains(">Since<"), page);
      assertFalse(page.contains(">To<"), page);
      assertFalse(page.contains(">now<"), page);
      assertEquals(2, Rendered.count(page, "<th scope=\"col\">From</th>"), page);
      // the reservations' table too: when one ends, or that it is open-ended
      assertEquals(2, Rendered.count(page, "<th scope=\"col\">Until</th>"), page);
      assertEquals(2, Rendered.count(page, ">open-ended</td>"), page);
      assertEquals(1, Rendered.count(page, ">Sun 20 Dec 2026, 15:30</td>"), page);
      assertTrue(page.contains("cores-badge--success\">2 days left</span>"), page);
      assertTrue(page.contains("cores-badge--success\">active</span>"), page);
      assertTrue(page.contains("cores-badge--info\">starts in 3 days</span>"), page);
    }
  }
}
