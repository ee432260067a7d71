package cores.api.booking;

import cores.api.accounts.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Booking as lab users do it from the site's pages, with every rule of the domain applied. Refusals
 * are {@link cores.api.web.ProblemException}s: 400 with the problems per field ({@code start},
 * {@code end}, {@code owner}, {@code comment}), 403, 404, or 409 (an overlap, a reserved or
 * inactive bookable) saying why.
 */
@ProviderType
public interface BookingDesk {

  /**
   * The zone of the site's days ({@code CORES_TIME_ZONE}): whole-day bookings end at its midnight.
   */
  ZoneId zone();

  /** One page of the active bookables that match, as the asker sees them (mine, mygroup). */
  BookableResults search(BookableQuery query, Optional<User> asker, int limit, int offset);

  /** What the search's filters offer. */
  Catalog catalog();

  /** A host's sheet; empty when there is no such host. */
  Optional<HostSheet> host(long hostId);

  /**
   * Why no booking or reservation of the host can be made now, as a post of its forms would be
   * refused (it has no bookable, or its bookable or the host itself is not active); empty when they
   * may be made (a reservation holding now is the sheet's to show).
   *
   * @since 1.4
   */
  Optional<String> unbookable(HostSheet host);

  /** The host of a bookable (the original's pages were addressed by bookable). */
  Optional<Long> hostOf(long bookableId);

  /**
   * The user's bookings and reservations that hold now, start later, or ended since {@code since}.
   */
  List<Hold> holdsOf(long userId, Instant since);

  /**
   * As {@link #holdsOf(long, Instant)}, but at most {@code limit} bookings and {@code limit}
   * reservations, the earliest starts of each: for a page that shows the first few and links to the
   * rest.
   */
  List<Hold> holdsOf(long userId, Instant since, int limit);

  /** A booking; empty when there is none with that id. */
  Optional<Hold> booking(long id);

  /** A reservation; empty when there is none with that id. */
  Optional<Hold> reservation(long id);

  /**
   * A booking or reservation the actor may change or cancel: its owner's, or any to staff. 404 when
   * there is none or it is someone else's the actor may not read (as reading it answers), 403 when
   * they may read it but not change it.
   *
   * @since 1.3
   */
  Hold holdToChange(User actor, Hold.Kind kind, long id);

  /**
   * Books whole days: from the start of {@code first} (or now, when that is today) to the end of
   * {@code last}, in {@link #zone()}.
   *
   * @param owner the user to book for (staff only); null for the actor
   */
  Hold bookDays(
      User actor, long bookable, LocalDate first, LocalDate last, String comment, Long owner);

  /**
   * Reserves from the start of {@code first} (or now, when that is today), open-ended.
   *
   * @param owner the user to reserve for; null for the actor
   */
  Hold reserve(User actor, long bookable, LocalDate first, String comment, Long owner);

  /**
   * Replaces a booking's comment and, when {@code last} is not the last day it already ends on,
   * moves its end to the end of {@code last}; an unchanged last day keeps the end as it is.
   */
  Hold changeBooking(User actor, long id, LocalDate last, String comment);

  /**
   * Ends a booking that holds now at once, giving the host back (its owner or staff). One that has
   * not started (cancel it instead) or has ended is refused with a 400 at {@code end}.
   */
  Hold endBooking(User actor, long id);

  /** Cancels a booking that has not started (its owner or staff). */
  void cancelBooking(User actor, long id);

  /** Cancels a reservation that has not started (its owner or staff). */
  void cancelReservation(User actor, long id);
}
