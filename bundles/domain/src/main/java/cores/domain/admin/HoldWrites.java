package cores.domain.admin;

import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.booking.BookingRules;
import cores.domain.booking.BookingService;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.inventory.Values;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The admin's writes of bookings or reservations: through the booking service, as the API's, so
 * every booking rule applies and the holders are mailed. Form values arrive as {@link FormInput#of}
 * makes them (references as numbers, times as text).
 */
final class HoldWrites implements Rules {
  /** The fields a booking or reservation is made with and keeps: a change is refused at them. */
  static final Set<String> FIXED = Set.of("bookable", "owner", "start");

  private final BookingService bookings;
  private final ZoneId zone;
  private final boolean reservation;
  private final String table;

  HoldWrites(BookingService bookings, ZoneId zone, boolean reservation) {
    this.bookings = bookings;
    this.zone = zone;
    this.reservation = reservation;
    this.table = reservation ? "booking_reservation" : "booking_booking";
  }

  @Override
  public Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    FieldErrors errors = new FieldErrors();
    Instant start = time(errors, input, "start");
    Instant end = time(errors, input, "end");
    errors.throwIfAny();
    Long bookable = (Long) input.get("bookable");
    Long owner = (Long) input.get("owner");
    String comment = (String) input.get("comment");
    return reservation
        ? bookings.reserve(
            sql,
            actor.user(),
            new BookingService.ReservationRequest(bookable, start, end, comment, owner),
            actor.now())
        : bookings.book(
            sql,
            actor.user(),
            new BookingService.BookingRequest(bookable, start, end, comment, owner, null),
            actor.now());
  }

  /**
   * Changes the end and the comment, the only fields a booking or reservation changes (as in the
   * API); the bookable, owner and start stay, and a form that changes them is refused at them. An
   * end left as it was is not checked again (an ended booking's comment may still be corrected).
   */
  @Override
  public Map<String, Object> update(
      Inventory inventory,
      Sql sql,
      Model model,
      long id,
      Map<String, Object> input,
      boolean partial,
      Actor actor) {
    Map<String, Object> row =
        sql.row(
            "SELECT bookable_id, owner_id, start_time, end_time FROM " + table + " WHERE id = ?",
            List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No " + model.name() + " with id " + id + ".");
    }
    FieldErrors errors = new FieldErrors();
    Instant start = time(errors, input, "start");
    Instant end = time(errors, input, "end");
    stays(errors, "bookable", input.get("bookable"), row.get("bookable_id"));
    stays(errors, "owner", input.get("owner"), row.get("owner_id"));
    stays(errors, "start", start, row.get("start_time"));
    errors.throwIfAny();
    String comment = (String) input.get("comment");
    boolean sameEnd = Objects.equals(end, row.get("end_time"));
    if (reservation) {
      // no end where it had one: open-ended again, which only a replacement says
      BookingService.Change change =
          end == null && !sameEnd
              ? new BookingService.Change(null, comment, true)
              : new BookingService.Change(sameEnd ? null : end, comment, false);
      return bookings.changeReservation(sql, id, change, actor.now());
    }
    if (end == null) {
      throw FieldErrors.single("end", "required");
    }
    return bookings.changeBooking(
        sql,
        actor.user(),
        id,
        new BookingService.Change(sameEnd ? null : end, comment, false),
        actor.now());
  }

  /** Cancels it (before it starts, as its owner could). */
  @Override
  public void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    if (reservation) {
      bookings.cancelReservation(sql, actor.user(), id, actor.now());
    } else {
      bookings.cancelBooking(sql, actor.user(), id, actor.now());
    }
  }

  /**
   * What stops deleting these (of {@code table}, bookings or reservations): those started, which
   * cannot be cancelled ({@link #delete}), named; or none.
   */
  static List<String> started(Sql sql, String table, List<Long> ids, Instant now, ZoneId zone) {
    String what = table.equals("booking_booking") ? "booking" : "reservation";
    List<Long> started = new ArrayList<>();
    sql.rows(
            "SELECT id, start_time FROM " + table + " WHERE id = ANY (?::bigint[]) ORDER BY id",
            List.of(Sql.array(ids)))
        .forEach(
            r -> {
              if (!BookingRules.cancellable((Instant) r.get("start_time"), now)) {
                started.add(((Number) r.get("id")).longValue());
              }
            });
    if (started.isEmpty()) {
      return List.of();
    }
    return List.of(
        "the "
            + what
            + (started.size() == 1 ? " " : "s ")
            + String.join("; ", Labels.ofEach(sql, table, started, zone).values())
            + (started.size() == 1 ? " has" : " have")
            + " already started and can no longer be cancelled");
  }

  /** Ends a reservation now. */
  void end(Sql sql, long id, Actor actor) {
    bookings.changeReservation(
        sql, id, new BookingService.Change(actor.now(), null, false), actor.now());
  }

  private static void stays(FieldErrors errors, String field, Object given, Object stored) {
    if (given != null && !given.equals(stored)) {
      errors.check(field, "cannot be changed: cancel it and make a new one");
    }
  }

  private Instant time(FieldErrors errors, Map<String, Object> input, String field) {
    Object text = input.get(field);
    if (text == null) {
      return null;
    }
    try {
      return Values.time(text.toString(), zone);
    } catch (IllegalArgumentException e) {
      errors.check(field, e.getMessage());
      return null;
    }
  }
}
