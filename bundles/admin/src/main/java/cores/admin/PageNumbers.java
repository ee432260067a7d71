package cores.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The page numbers a long list links to, as Django's admin shows them: every page when there are
 * ten or fewer, else the first two, three either side of the current one and the last two, with
 * gaps between. With only "Previous" and "Next", page 1,000 of 2,000 bookings was a thousand clicks
 * or an edited address.
 */
public final class PageNumbers {

  /** A gap ("…") among the numbers. */
  public static final int GAP = 0;

  private static final int ON_EACH_SIDE = 3;
  private static final int ON_ENDS = 2;

  private PageNumbers() {}

  /** The numbers to link to, from 1, with {@link #GAP} where pages are left out. */
  public static List<Integer> of(int page, int pages) {
    List<Integer> numbers = new ArrayList<>();
    if (pages <= 10) {
      for (int n = 1; n <= pages; n++) {
        numbers.add(n);
      }
      return numbers;
    }
    if (page > ON_EACH_SIDE + ON_ENDS + 1) {
      addRange(numbers, 1, ON_ENDS);
      numbers.add(GAP);
      addRange(numbers, page - ON_EACH_SIDE, page);
    } else {
      addRange(numbers, 1, page);
    }
    if (page < pages - ON_EACH_SIDE - ON_ENDS) {
      addRange(numbers, page + 1, page + ON_EACH_SIDE);
      numbers.add(GAP);
      addRange(numbers, pages - ON_ENDS + 1, pages);
    } else {
      addRange(numbers, page + 1, pages);
    }
    return numbers;
  }

  private static void addRange(List<Integer> numbers, int from, int to) {
    for (int n = from; n <= to; n++) {
      numbers.add(n);
    }
  }
}
