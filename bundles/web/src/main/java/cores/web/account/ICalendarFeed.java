package cores.web.account;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.Duration;
import cores.api.booking.Hold;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A user's bookings and reservations as an iCalendar document (RFC 5545), written by biweekly: one
 * event per booking or reservation, times in UTC, the host page as its URL. A reservation has no
 * end, so its event is the moment it starts.
 */
final class ICalendarFeed {
  private ICalendarFeed() {}

  /**
   * @param site the site's base URL ({@code https://cores.example.org}), for links and the events'
   *     ids
   */
  static String write(String owner, List<Hold> holds, URI site, Instant now) {
    ICalendar calendar = new ICalendar();
    calendar.setProductId("-//Cores//Lab bookings//EN");
    calendar.setName("Cores: " + owner);
    // the name most calendar applications read
    calendar.setExperimentalProperty("X-WR-CALNAME", "Cores: " + owner);
    calendar.setRefreshInterval(new Duration.Builder().hours(1).build());
    for (Hold hold : holds) {
      calendar.addEvent(event(hold, site, now));
    }
    return Biweekly.write(calendar).go();
  }

  private static VEvent event(Hold hold, URI site, Instant now) {
    boolean booking = hold.kind() == Hold.Kind.BOOKING;
    VEvent event = new VEvent();
    event.setUid((booking ? "booking-" : "reservation-") + hold.id() + "@" + site.getHost());
    event.setDateTimeStamp(Date.from(now));
    event.setSummary((booking ? "Booked: " : "Reserved: ") + hold.hostname());
    event.setDateStart(Date.from(hold.start()), true);
    if (hold.end() != null) {
      event.setDateEnd(Date.from(hold.end()), true);
    }
    if (hold.ip() != null && !hold.ip().isBlank()) {
      event.setLocation(hold.hostname() + " (" + hold.ip() + ")");
    }
    String description = hold.end() == null ? "Reservation, until an admin ends it." : "";
    if (hold.comment() != null && !hold.comment().isBlank()) {
      description = (description + "\n" + hold.comment()).strip();
    }
    if (!description.isEmpty()) {
      event.setDescription(description);
    }
    event.setUrl(site.resolve("/hosts/" + hold.host() + "/").toString());
    if (hold.created() != null) {
      event.setCreated(Date.from(hold.created()));
    }
    return event;
  }
}
