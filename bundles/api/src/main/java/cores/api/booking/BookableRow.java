package cores.api.booking;

import java.time.Instant;
import java.util.List;

/**
 * One row of the bookable search.
 *
 * @param hardware the hardware as "[host type] model" (the original's), or the model alone
 * @param status the bookable's status: created, active, suspended or inactive
 * @param rack the rack's number, null when the host has no rack
 * @param bookedUntil the end of the booking holding now, null when free
 * @param bookedBy its owner's username, null when free
 * @param reserved whether a reservation holds now
 */
public record BookableRow(
    long id,
    long host,
    String hostname,
    String ip,
    String hardware,
    List<String> cards,
    String building,
    String lab,
    Integer rack,
    String status,
    Instant bookedUntil,
    String bookedBy,
    boolean reserved) {

  public BookableRow {
    cards = List.copyOf(cards);
  }

  /** Whether a booking or a reservation could start now. */
  public boolean free() {
    return "active".equals(status) && bookedUntil == null && !reserved;
  }
}
