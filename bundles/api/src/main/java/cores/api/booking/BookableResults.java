package cores.api.booking;

import java.util.List;

/** One page of the bookable search and how many bookables match in all. */
public record BookableResults(long count, List<BookableRow> rows) {
  public BookableResults {
    rows = List.copyOf(rows);
  }
}
