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
 * @param unbookable why the host cannot be booked or reserved now (the domain's rule, {@link
 *     cores.api.booking.BookingDesk#unbookable}), null when it can
 */
public record HostView(
    HostSheet host,
    Times times,
    boolean loggedIn,
    boolean mayReserve,
    boolean staff,
    long userId,
    Form form,
    String csrfToken,
    String unbookable) {

  /** Whether the visitor may cancel this hold now (owner or staff, before it starts). */
  public boolean mayCancel(Hold hold) {
    return hold.upcoming(times.now()) && (staff || hold.owner().id() == userId);
  }

  /**
   * Whether bookings and reservations of the host may be made: otherwise its forms show why instead
   * of a form every post of which is refused.
   */
  public boolean open() {
    return unbookable == null;
  }

  /** Whether the host can be booked or reserved now: open and not reserved now. */
  public boolean bookable() {
    return open() && host.bookable().reservation() == null;
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
