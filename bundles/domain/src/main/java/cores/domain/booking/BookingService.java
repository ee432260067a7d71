package cores.domain.booking;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.notify.NotificationType;
import cores.api.web.Access;
import cores.api.web.Characters;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.inventory.HostStatus;
import cores.domain.inventory.ReadOnly;
import cores.domain.inventory.Values;
import cores.domain.sql.DatabaseException;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Booking, reserving and cancelling, inside the caller's transaction. Every request locks its
 * bookable's row first, so bookings and reservations of one bookable are checked one after the
 * other (their overlap spans two tables); the exclusion constraints guard the same in the database.
 * Confirmations and cancellations are mailed in the same transaction.
 */
public final class BookingService {
  static final String BOOKING_OVERLAP = "booking_booking_no_overlap";
  static final String RESERVATION_OVERLAP = "booking_reservation_no_overlap";

  /** A booking as the API shows it: the original's field names. */
  public static final String BOOKING_COLUMNS =
      "SELECT id, bookable_id AS bookable, owner_id AS owner, start_time AS start,"
          + " end_time AS \"end\", comment, created AS \"timestamp\","
          + " start_reminder_sent AS mail_start_reminder_sent,"
          + " end_reminder_sent AS mail_end_reminder_sent, ended_notice_sent AS mail_end_sent,"
          + " import_id FROM booking_booking";

  /** A reservation as the API shows it: the original's field names (the nag counts from start). */
  public static final String RESERVATION_COLUMNS =
      "SELECT id, bookable_id AS bookable, owner_id AS owner, start_time AS start,"
          + " end_time AS \"end\", comment, created AS \"timestamp\","
          + " start_reminder_sent AS mail_start_reminder_sent, ended_notice_sent AS mail_end_sent,"
          + " coalesce(last_nag, start_time) AS mail_last_nag FROM booking_reservation";

  /** The JSON Schema of a row of {@link #BOOKING_COLUMNS}. */
  public static Map<String, Object> bookingSchema() {
    Map<String, Object> properties = holdProperties(false);
    properties.put("mail_end_reminder_sent", Map.of("type", "boolean"));
    properties.put("mail_end_sent", Map.of("type", "boolean"));
    properties.put(
        "import_id",
        Map.of("type", List.of("integer", "null"), "description", "given by an import script"));
    return holdSchema("a booking", properties);
  }

  /** The JSON Schema of a row of {@link #RESERVATION_COLUMNS}. */
  public static Map<String, Object> reservationSchema() {
    Map<String, Object> properties = holdProperties(true);
    properties.put("mail_end_sent", Map.of("type", "boolean"));
    properties.put("mail_last_nag", Map.of("type", "string", "format", "date-time"));
    return holdSchema("a reservation; no end: open-ended", properties);
  }

  private static Map<String, Object> holdProperties(boolean openEnded) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", Map.of("type", "integer"));
    properties.put("bookable", Map.of("type", "integer"));
    properties.put("owner", Map.of("type", "integer", "description", "a user id"));
    properties.put("start", Map.of("type", "string", "format", "date-time"));
    properties.put(
        "end",
        Map.of("type", openEnded ? List.of("string", "null") : "string", "format", "date-time"));
    properties.put("comment", Map.of("type", "string"));
    properties.put("timestamp", Map.of("type", "string", "format", "date-time"));
    properties.put("mail_start_reminder_sent", Map.of("type", "boolean"));
    return properties;
  }

  private static Map<String, Object> holdSchema(
      String description, Map<String, Object> properties) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", description);
    schema.put("properties", properties);
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * What {@link #book} (or, with {@code reservation}, {@link #reserve}) lets through, as a JSON
   * Schema of the resource's input: the bookable is needed, times as {@link Values#time} reads
   * them, a booking needs its end; other keys are refused (Jackson).
   */
  public static Map<String, Object> holdInputSchema(boolean reservation) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bookable", Map.of("type", "integer", "minimum", 1));
    properties.put("start", nullable(Values.TIME_SCHEMA, "absent: now"));
    properties.put(
        "end",
        reservation ? nullable(Values.TIME_SCHEMA, "absent: open-ended") : Values.TIME_SCHEMA);
    properties.put("comment", COMMENT_INPUT);
    properties.put("owner", nullable(Map.of("type", "integer", "minimum", 1), "absent: oneself"));
    if (!reservation) {
      properties.put(
          "import_id", nullable(Map.of("type", "integer", "minimum", 1), "an import script's id"));
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", reservation ? "a new reservation" : "a new booking");
    schema.put("properties", properties);
    schema.put("required", reservation ? List.of("bookable") : List.of("bookable", "end"));
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * What a change of a booking or reservation lets through: the end and the comment, and the other
   * fields of {@code row} (its schema) with the values they have ({@link ReadOnly}).
   */
  public static Map<String, Object> holdChangeSchema(String description, Map<String, Object> row) {
    Map<String, Object> properties = new LinkedHashMap<>();
    // the row's other fields, so that a row read may be sent back (ReadOnly)
    ((Map<?, ?>) row.get("properties"))
        .keySet()
        .forEach(name -> properties.put((String) name, ReadOnly.SCHEMA));
    properties.put(
        "end",
        nullable(
            Values.TIME_SCHEMA,
            "absent: unchanged (on PUT: none); null: none (a reservation open-ended, a booking refuses it)"));
    properties.put("comment", COMMENT_INPUT);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", description);
    schema.put("properties", properties);
    schema.put("additionalProperties", false);
    return schema;
  }

  /** The longest comment of a booking or reservation. */
  private static final int COMMENT_MAX = 100_000;

  /** A comment as {@link #tooLong} lets it through. */
  private static final Map<String, Object> COMMENT_INPUT =
      Map.of(
          "type",
          List.of("string", "null"),
          "maxLength",
          COMMENT_MAX,
          "description",
          "null: empty, as absent on create or PUT; absent on PATCH: unchanged");

  private static Map<String, Object> nullable(Map<String, Object> schema, String description) {
    Map<String, Object> copy = new LinkedHashMap<>(schema);
    copy.put("type", List.of(schema.get("type"), "null"));
    copy.put("description", description);
    return copy;
  }

  /** A booking as asked for; null start means now, null owner the one asking. */
  public record BookingRequest(
      Long bookable, Instant start, Instant end, String comment, Long owner, Long importId) {}

  /** A reservation as asked for; null start means now, null end open-ended. */
  public record ReservationRequest(
      Long bookable, Instant start, Instant end, String comment, Long owner) {}

  private final BookingMail mail;

  public BookingService(BookingMail mail) {
    this.mail = mail;
  }

  public Map<String, Object> book(Sql sql, User actor, BookingRequest request, Instant now) {
    Instant start = BookingRules.askedStart(request.start(), now);
    FieldErrors errors = new FieldErrors();
    errors.check("bookable", request.bookable() == null ? "required" : null);
    BookingRules.bookingTimes(start, request.end(), now, mail.zone()).forEach(errors::check);
    errors.check("comment", tooLong(request.comment(), COMMENT_MAX));
    // an id, as the filter import_id reads it: one below 1 could never be found again
    errors.check(
        "import_id",
        request.importId() != null && request.importId() < 1 ? "must be an id, 1 or more" : null);
    errors.throwIfAny();
    long owner = owner(sql, actor, request.owner());
    holdable(sql, owner, request.bookable());
    notReservedFor(sql, request.bookable(), start, request.end(), now, "start");
    Map<String, Object> clash =
        sql.row(
            "SELECT start_time, end_time FROM booking_booking WHERE bookable_id = ?"
                + " AND tstzrange(start_time, end_time) && tstzrange(?, ?) LIMIT 1",
            List.of(request.bookable(), start, request.end()));
    if (clash != null) {
      throw alreadyBooked("start", when(clash));
    }
    try {
      long id =
          (Long)
              sql.row(
                      "INSERT INTO booking_booking (bookable_id, owner_id, start_time, end_time,"
                          + " comment, created, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                          + " RETURNING id",
                      params(
                          request.bookable(),
                          owner,
                          start,
                          request.end(),
                          request.comment() == null ? "" : request.comment(),
                          now,
                          request.importId()))
                  .get("id");
      mail.booking(sql, NotificationType.BOOKING_CONFIRMED, id, Map.of());
      return sql.row(BOOKING_COLUMNS + " WHERE id = ?", List.of(id));
    } catch (DatabaseException e) {
      if (e.violated(DatabaseException.EXCLUSION_VIOLATION, BOOKING_OVERLAP)) {
        throw alreadyBooked("start", null);
      }
      throw e;
    }
  }

  public Map<String, Object> reserve(Sql sql, User actor, ReservationRequest request, Instant now) {
    if (!actor.hasPermission(Permissions.ADD_RESERVATION)) {
      throw Access.forbidden("Reserving needs the permission " + Permissions.ADD_RESERVATION + ".");
    }
    Instant start = BookingRules.askedStart(request.start(), now);
    FieldErrors errors = new FieldErrors();
    errors.check("bookable", request.bookable() == null ? "required" : null);
    BookingRules.reservationTimes(start, request.end(), now).forEach(errors::check);
    errors.check("comment", tooLong(request.comment(), COMMENT_MAX));
    errors.throwIfAny();
    long owner = ownerOfReservation(sql, request.owner(), actor);
    holdable(sql, owner, request.bookable());
    Map<String, Object> booking =
        sql.row(
            "SELECT start_time, end_time FROM booking_booking WHERE bookable_id = ?"
                + " AND tstzrange(start_time, end_time) && tstzrange(?, ?) LIMIT 1",
            params(request.bookable(), start, request.end()));
    if (booking != null) {
      throw bookedInTheWay("start", booking);
    }
    try {
      long id =
          (Long)
              sql.row(
                      "INSERT INTO booking_reservation (bookable_id, owner_id, start_time,"
                          + " end_time, comment, created) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                      params(
                          request.bookable(),
                          owner,
                          start,
                          request.end(),
                          request.comment() == null ? "" : request.comment(),
                          now))
                  .get("id");
      mail.reservation(sql, NotificationType.RESERVATION_CONFIRMED, id, Map.of());
      return sql.row(RESERVATION_COLUMNS + " WHERE id = ?", List.of(id));
    } catch (DatabaseException e) {
      if (e.violated(DatabaseException.EXCLUSION_VIOLATION, RESERVATION_OVERLAP)) {
        throw conflict(
            "start",
            "The host already has a reservation in that time: at most one holds at a time.");
      }
      throw e;
    }
  }

  /**
   * The writable fields of a booking or reservation (end, comment): a patch changes the given ones,
   * a replacement (PUT) all of them, absent ones taking their defaults (no end, empty comment).
   *
   * @param endGiven whether the end is changed: given (null too: no end), or replaced
   */
  public record Change(Instant end, boolean endGiven, String comment, boolean replace) {
    /** A change whose end is given when it is not null or replaced. */
    public Change(Instant end, String comment, boolean replace) {
      this(end, end != null || replace, comment, replace);
    }

    Instant end(Object current) {
      return endGiven ? end : (Instant) current;
    }

    String comment(Object current) {
      return comment != null ? comment : replace ? "" : (String) current;
    }
  }

  /**
   * The owner (or staff) changes a booking's comment or end (e.g. gives it back early): the end
   * keeps the time rules of a new booking, except that the start may have passed; an end just past
   * of a running booking is now ({@link BookingRules#askedBookingEnd}). Giving time back is always
   * possible; a longer booking is a new booking of the added time, under every rule of {@link
   * #book} (bookable and host active, the owner in the host's group, no reservation), and one that
   * has ended cannot be extended.
   */
  public Map<String, Object> changeBooking(
      Sql sql, User actor, long id, Change change, Instant now) {
    Map<String, Object> row =
        sql.row(
            "SELECT bookable_id, owner_id, start_time, end_time, comment FROM booking_booking"
                + " WHERE id = ?",
            List.of(id));
    if (row == null) {
      throw none("booking", id);
    }
    long owner = (Long) row.get("owner_id");
    requireOwnerOrStaff(actor, owner, id, "booking", "change");
    long bookable = (Long) row.get("bookable_id");
    lockBookable(sql, bookable);
    Instant start = (Instant) row.get("start_time");
    Instant before = (Instant) row.get("end_time");
    Instant end = BookingRules.askedBookingEnd(start, before, change.end(before), now);
    String comment = change.comment(row.get("comment"));
    FieldErrors errors = new FieldErrors();
    // an end sent back as it is changes nothing: an ended booking's row may be sent back whole
    if (change.endGiven() && !Objects.equals(end, before)) {
      BookingRules.changedBookingEnd(start, before, end, now, mail.zone()).forEach(errors::check);
    }
    errors.check("comment", tooLong(comment, COMMENT_MAX));
    errors.throwIfAny();
    if (BookingRules.lengthens(before, end)) {
      holdable(sql, owner, bookable);
      notReservedFor(sql, bookable, before, end, now, "end");
    }
    try {
      sql.update(
          "UPDATE booking_booking SET end_time = ?, comment = ? WHERE id = ?",
          List.of(end, comment, id));
    } catch (DatabaseException e) {
      if (e.violated(DatabaseException.EXCLUSION_VIOLATION, BOOKING_OVERLAP)) {
        throw alreadyBooked("end", null);
      }
      throw e;
    }
    return sql.row(BOOKING_COLUMNS + " WHERE id = ?", List.of(id));
  }

  /**
   * An admin ends a reservation (or moves its end; a replacement without an end makes it open-ended
   * again): after its start, and not over a booking or another reservation. A longer reservation is
   * a new reservation of the added time, under the rules of {@link #reserve} (bookable and host
   * active, the owner in the host's group), and one that has ended cannot be extended.
   */
  public Map<String, Object> changeReservation(Sql sql, long id, Change change, Instant now) {
    Map<String, Object> row =
        sql.row(
            "SELECT bookable_id, owner_id, start_time, end_time, comment FROM booking_reservation"
                + " WHERE id = ?",
            List.of(id));
    if (row == null) {
      throw none("reservation", id);
    }
    long bookable = (Long) row.get("bookable_id");
    lockBookable(sql, bookable);
    Instant start = (Instant) row.get("start_time");
    Instant before = (Instant) row.get("end_time");
    Instant end = change.end(before);
    String comment = change.comment(row.get("comment"));
    FieldErrors errors = new FieldErrors();
    BookingRules.changedReservationEnd(start, before, end, now).forEach(errors::check);
    errors.check("comment", tooLong(comment, COMMENT_MAX));
    errors.throwIfAny();
    if (BookingRules.lengthens(before, end)) {
      holdable(sql, (Long) row.get("owner_id"), bookable);
    }
    // an open end (a replacement without one) must not run over later bookings either
    Map<String, Object> booking =
        sql.row(
            "SELECT start_time, end_time FROM booking_booking WHERE bookable_id = ?"
                + " AND tstzrange(start_time, end_time) && tstzrange(?, ?::timestamptz) LIMIT 1",
            params(bookable, start, end));
    if (booking != null) {
      throw bookedInTheWay("end", booking);
    }
    try {
      sql.update(
          "UPDATE booking_reservation SET end_time = ?::timestamptz, comment = ? WHERE id = ?",
          params(end, comment, id));
    } catch (DatabaseException e) {
      if (e.violated(DatabaseException.EXCLUSION_VIOLATION, RESERVATION_OVERLAP)) {
        throw ProblemException.conflict("Another reservation of the bookable holds in that time.");
      }
      throw e;
    }
    return sql.row(RESERVATION_COLUMNS + " WHERE id = ?", List.of(id));
  }

  /** The owner (or staff) cancels a booking that has not started. */
  public void cancelBooking(Sql sql, User actor, long id, Instant now) {
    cancel(sql, actor, id, now, "booking_booking", "booking");
  }

  /** The owner (or staff) cancels a reservation that has not started. */
  public void cancelReservation(Sql sql, User actor, long id, Instant now) {
    cancel(sql, actor, id, now, "booking_reservation", "reservation");
  }

  private void cancel(Sql sql, User actor, long id, Instant now, String table, String what) {
    Map<String, Object> row =
        sql.row(
            "SELECT owner_id, start_time FROM " + table + " WHERE id = ? FOR UPDATE", List.of(id));
    if (row == null) {
      throw none(what, id);
    }
    requireOwnerOrStaff(actor, (Long) row.get("owner_id"), id, what, "cancel");
    if (!BookingRules.cancellable((Instant) row.get("start_time"), now)) {
      throw ProblemException.conflict(
          "This " + what + " has already started and can no longer be cancelled.");
    }
    // mailed first: the message is built from the row
    if (table.equals("booking_booking")) {
      mail.booking(sql, NotificationType.BOOKING_CANCELLED, id, Map.of());
    } else {
      mail.reservation(sql, NotificationType.RESERVATION_CANCELLED, id, Map.of());
    }
    sql.update("DELETE FROM " + table + " WHERE id = ?", List.of(id));
  }

  /**
   * The 404 of a booking or reservation that is not there: never made, cancelled (its row deleted;
   * a second cancel finds it so), or one the actor may not see, all answered alike so that the
   * answer tells nothing of someone else's hold.
   */
  static ProblemException none(String what, long id) {
    return ProblemException.notFound(
        "No " + what + " with id " + id + ": it was never made or has been cancelled.");
  }

  /** The owner or staff may cancel or change. (The original let anyone cancel anyone's booking.) */
  static boolean mayCancel(User actor, long owner) {
    return actor.id() == owner || staff(actor);
  }

  /** Whether the actor may cancel or change anyone's hold. */
  static boolean staff(User actor) {
    return actor.active() && (actor.staff() || actor.superuser());
  }

  /**
   * Refuses a change of someone else's hold: 403 to those who may read it ({@code
   * booking.view_booking} or {@code view_reservation}), to anyone else the 404 of a hold they
   * cannot see, as reading it answers, so that a refusal does not tell that it exists.
   */
  static void requireOwnerOrStaff(User actor, long owner, long id, String what, String verb) {
    if (mayCancel(actor, owner)) {
      return;
    }
    if (actor.hasPermission("booking.view_" + what)) {
      throw Access.forbidden("Only its owner or staff may " + verb + " this " + what + ".");
    }
    throw none(what, id);
  }

  private static long owner(Sql sql, User actor, Long requested) {
    if (requested == null || requested == actor.id()) {
      return actor.id();
    }
    if (!(actor.staff() || actor.superuser())) {
      throw Access.forbidden("Only staff may book for another user.");
    }
    return existingUser(sql, requested);
  }

  /** One may reserve for another user (holding booking.add_reservation, checked before). */
  private static long ownerOfReservation(Sql sql, Long requested, User actor) {
    return requested == null ? actor.id() : existingUser(sql, requested);
  }

  private static long existingUser(Sql sql, long id) {
    if (!sql.exists("SELECT 1 FROM accounts_user_v1 WHERE id = ? AND is_active", List.of(id))) {
      throw FieldErrors.single("owner", "no active user with id " + id);
    }
    return id;
  }

  /**
   * The rules of the bookable and the owner for a new hold, in one place for booking, reserving and
   * lengthening either: the bookable and its host are active, and if the host has a group, the
   * owner is a member. Locks the bookable's row first ({@link #lockBookable}).
   */
  private static void holdable(Sql sql, long owner, long id) {
    Map<String, Object> bookable = lockBookable(sql, id);
    String why = whyNotHoldable(bookable.get("status"), bookable.get("host_status"));
    if (why != null) {
      throw conflict("bookable", why);
    }
    Object group = bookable.get("group_id");
    if (group != null
        && !sql.exists(
            "SELECT 1 FROM accounts_membership_v1 WHERE user_id = ? AND group_id = ?",
            List.of(owner, group))) {
      String message = "Only members of the host's group may book it.";
      throw new ProblemException(403, "Forbidden", message, Map.of("owner", List.of(message)));
    }
  }

  /**
   * The rule of the bookable and its host for a new hold: both are active. Why a hold cannot be
   * made, or null when it can; one place for the writes ({@link #holdable}) and for the pages,
   * which say it instead of showing a form ({@link BookingDeskService#unbookable}).
   */
  static String whyNotHoldable(Object bookableStatus, Object hostStatus) {
    if (!Bookables.ACTIVE.equals(bookableStatus)) {
      return "The host's bookable is " + bookableStatus + ", not active: it cannot be booked.";
    }
    if (!HostStatus.ACTIVE.equals(hostStatus)) {
      return "The host is " + hostStatus + ", not active: it cannot be booked.";
    }
    return null;
  }

  /**
   * Serialises this bookable's bookings and reservations made here. NO KEY UPDATE, not UPDATE: the
   * foreign-key checks of other writers' inserts take KEY SHARE locks, which must not make this
   * wait; what they write the exclusion constraints catch.
   */
  private static Map<String, Object> lockBookable(Sql sql, long id) {
    Map<String, Object> bookable =
        sql.row(
            "SELECT b.status, h.status AS host_status, h.group_id FROM booking_bookable b"
                + " JOIN inventory_host h ON h.id = b.host_id WHERE b.id = ? FOR NO KEY UPDATE OF b",
            List.of(id));
    if (bookable == null) {
      throw FieldErrors.single("bookable", "no bookable with id " + id);
    }
    return bookable;
  }

  /**
   * A booking's time [start, end) must not meet a reservation, and nothing may be booked while the
   * host is reserved; {@code field} is the request's field the conflict is shown at.
   */
  private void notReservedFor(
      Sql sql, long bookable, Instant start, Instant end, Instant now, String field) {
    if (sql.exists(
        "SELECT 1 FROM booking_reservation WHERE bookable_id = ?"
            + " AND tstzrange(start_time, end_time) @> ?::timestamptz",
        List.of(bookable, now))) {
      throw conflict(field, "The host is reserved now and cannot be booked.");
    }
    Map<String, Object> reservation =
        sql.row(
            "SELECT start_time, end_time FROM booking_reservation WHERE bookable_id = ?"
                + " AND tstzrange(start_time, end_time) && tstzrange(?, ?) LIMIT 1",
            List.of(bookable, start, end));
    if (reservation != null) {
      throw conflict(field, "The host is reserved " + when(reservation) + " in that time.");
    }
  }

  /**
   * A reservation, new or lengthened, would overlap this booking: one message for both, at the
   * field that reaches over it.
   */
  private ProblemException bookedInTheWay(String field, Map<String, Object> booking) {
    return conflict(
        field, "The host is booked " + when(booking) + ", which the reservation would overlap.");
  }

  /** Already booked, {@code when} it is (null: at some time of the request's period). */
  private static ProblemException alreadyBooked(String field, String when) {
    return conflict(
        field, "The host is already booked " + (when == null ? "in that time" : when) + ".");
  }

  /** A 409 that names the field of the request it is about (pages show it there). */
  static ProblemException conflict(String field, String message) {
    return new ProblemException(409, "Conflict", message, Map.of(field, List.of(message)));
  }

  /** "from … until …" of a booking or reservation row, in the site's zone. */
  private String when(Map<String, Object> row) {
    Instant end = (Instant) row.get("end_time");
    return "from "
        + mail.format(start(row))
        + (end == null ? " on, open-ended" : " until " + mail.format(end));
  }

  private static Instant start(Map<String, Object> row) {
    return (Instant) row.get("start_time");
  }

  private static String tooLong(String value, int max) {
    return Characters.atMost(value, max);
  }

  private static List<Object> params(Object... values) {
    // List.of refuses nulls; an open end or absent import id binds as SQL NULL
    List<Object> list = new ArrayList<>();
    java.util.Collections.addAll(list, values);
    return list;
  }
}
