package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTest {
  @Test
  void anOffsetBeyondTheLargestIntIsRefusedNamingWhatIsAllowedNotLowered() {
    assertEquals(new Page.Window(50, Integer.MAX_VALUE), Page.Window.of(null, "2147483647", 50));
    for (String offset : List.of("2147483648", "99999999999999999999", "-1", "ten")) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> Page.Window.of(null, offset, 50), offset);
      assertEquals(
          Map.of("offset", List.of("must be a whole number from 0 to 2147483647")), e.errors());
    }
  }

  @Test
  void aLimitBeyondTheLargestIntIsLoweredToThePageSizeAsDocumented() {
    assertEquals(1000, Page.Window.of("99999999999999999999", null, 50).limit());
    ProblemException e = assertThrows(ProblemException.class, () -> Page.Window.of("0", null, 50));
    assertEquals(Map.of("limit", List.of("must be a whole number of at least 1")), e.errors());
  }
}
