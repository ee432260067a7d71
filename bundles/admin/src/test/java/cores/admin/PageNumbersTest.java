package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageNumbersTest {

  @Test
  void aShortListLinksEveryPage() {
    assertEquals(List.of(1), PageNumbers.of(1, 1));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), PageNumbers.of(4, 10));
  }

  /** 100,000 bookings are 2,000 pages: the last ones and those near the current one are a click. */
  @Test
  void aLongListLinksItsEndsAndTheNeighboursOfTheCurrentPage() {
    assertEquals(List.of(1, 2, 3, 4, 0, 1999, 2000), PageNumbers.of(1, 2000));
    assertEquals(
        List.of(1, 2, 0, 997, 998, 999, 1000, 1001, 1002, 1003, 0, 1999, 2000),
        PageNumbers.of(1000, 2000));
    assertEquals(List.of(1, 2, 0, 1997, 1998, 1999, 2000), PageNumbers.of(2000, 2000));
  }

  /** Near an end, every page up to that end is a link. */
  @Test
  void pagesNearAnEndAreAllLinked() {
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 19, 20), PageNumbers.of(6, 20));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 0, 19, 20), PageNumbers.of(4, 20));
    assertEquals(List.of(1, 2, 0, 12, 13, 14, 15, 16, 17, 18, 19, 20), PageNumbers.of(15, 20));
  }
}
