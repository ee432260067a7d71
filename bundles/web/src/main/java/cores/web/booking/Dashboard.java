package cores.web.booking;

import cores.api.booking.BookableResults;
import cores.api.booking.Hold;
import cores.api.notices.Notice;
import cores.web.Times;
import java.util.List;

/**
 * The start page: for anonymous visitors what Cores is and the hosts free now; for a user also the
 * notices for them and their bookings and reservations.
 *
 * @param name the user's first name (or username); null when anonymous
 * @param userId the user's id (their page lists all their holds); 0 when anonymous
 * @param missingEmail whether the user's profile has no email address (no mails reach them)
 */
public record Dashboard(
    Times times,
    String name,
    long userId,
    boolean missingEmail,
    List<Notice> notices,
    HomePage.Held bookings,
    HomePage.Held reservations,
    BookableResults quick,
    String csrfToken) {

  public boolean loggedIn() {
    return name != null;
  }

  /** "current", "upcoming" or "ended": how the hold stands now. */
  public String state(Hold hold) {
    if (hold.upcoming(times.now())) {
      return "upcoming";
    }
    return hold.ended(times.now()) ? "ended" : "current";
  }
}
