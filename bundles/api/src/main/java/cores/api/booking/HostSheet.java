package cores.api.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a host's page shows: its specs, NICs and cards, its bookable (if any) with the
 * reservation holding now, its bookings and reservations that have not ended, and the availability
 * of the next 14 days.
 *
 * @param hostType the hardware's host type, null when it has none
 * @param bookable null when the host has no bookable (it cannot be booked)
 * @param holds bookings and reservations that have not ended, earliest first
 */
public record HostSheet(
    long id,
    String hostname,
    String status,
    String ip,
    Instant lastSeen,
    String serialNo,
    String assetNo,
    String diskVendor,
    String hostType,
    String hardware,
    Location location,
    UserRef owner,
    String group,
    String details,
    boolean hypervisor,
    String vmHost,
    List<Nic> nics,
    List<Card> cards,
    Bookable bookable,
    List<Hold> holds,
    List<Day> days) {

  public HostSheet {
    nics = List.copyOf(nics);
    cards = List.copyOf(cards);
    holds = List.copyOf(holds);
    days = List.copyOf(days);
  }

  /** Where the host stands; null fields when it has no rack. */
  public record Location(String building, String lab, Integer rack) {}

  /** A network interface of the host. */
  public record Nic(
      String mac,
      String ip,
      String model,
      boolean primary,
      boolean integrated,
      boolean management,
      Instant lastSeen) {}

  /** A card in the host. */
  public record Card(String type, String details, String assetNo) {}

  /**
   * The host's bookable.
   *
   * @param reservation the reservation holding now, null when there is none
   */
  public record Bookable(long id, String status, String comment, Hold reservation) {
    /** Whether bookings and reservations may be made (active and not reserved now). */
    public boolean bookable() {
      return "active".equals(status) && reservation == null;
    }
  }

  /** One day of the availability strip, in the site's time zone. */
  public record Day(LocalDate date, State state) {}

  /** How much of a day is taken. */
  public enum State {
    FREE,
    PARTLY_BOOKED,
    BOOKED,
    RESERVED
  }
}
