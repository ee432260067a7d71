package cores.web.booking;

import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
import cores.web.Form;
import cores.web.Times;

/**
 * A host's page, or one of its forms (book, reserve) with the host beside it.
 *
 * @param form the form being filled in, null on the host's page
 * @param mayReserve whether the visitor holds booking.add_reservation
 * @param staff whether the visitor is staff (may book for others, cancel anyone's)
 */
public record HostView(
    HostSheet host,
    Times times,
    boolean loggedIn,
    boolean mayReserve,
    boolean staff,
    long userId,
    Form form,
    String csrfToken) {

  /** Whether the visitor may cancel this hold now (owner or staff, before it starts). */
  public boolean mayCancel(Hold hold) {
    return hold.upcoming(times.now()) && (staff || hold.owner().id() == userId);
  }

  /**
   * Whether the host has an active bookable: otherwise its booking form shows why it cannot be
   * booked instead of a form every post of which is refused.
   */
  public boolean open() {
    return host.bookable() != null && "active".equals(host.bookable().status());
  }

  /** Whether the host can be booked or reserved now. */
  public boolean bookable() {
    return host.bookable() != null && host.bookable().bookable();
  }

  /** "free", "booked" or "reserved": a day's look in the strip. */
  public String dayClass(HostSheet.Day day) {
    return switch (day.state()) {
      case FREE -> "";
      case RESERVED -> "cores-strip--reserved";
      default -> "cores-strip--busy";
    };
  }

  /** What a day's state says. */
  public String dayText(HostSheet.Day day) {
    return switch (day.state()) {
      case FREE -> "free";
      case PARTLY_BOOKED -> "partly booked";
      case BOOKED -> "booked";
      case RESERVED -> "reserved";
    };
  }
}
