package cores.web.booking;

import cores.api.booking.Hold;
import cores.web.Form;
import cores.web.Times;

/** A booking or reservation with the form that cancels or changes it. */
public record HoldView(Hold hold, Times times, Form form, String csrfToken) {
  /** "booking" or "reservation". */
  public String noun() {
    return hold.kind() == Hold.Kind.BOOKING ? "booking" : "reservation";
  }

  /** The path of its pages: {@code /bookings/7} or {@code /reservations/7}. */
  public String path() {
    return "/" + noun() + "s/" + hold.id();
  }
}
