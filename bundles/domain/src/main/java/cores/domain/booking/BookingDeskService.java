package cores.domain.booking;

import cores.api.accounts.User;
import cores.api.booking.BookableQuery;
import cores.api.booking.BookableResults;
import cores.api.booking.BookableRow;
import cores.api.booking.BookingDesk;
import cores.api.booking.Catalog;
import cores.api.booking.Hold;
import cores.api.booking.HostSheet;
import cores.api.booking.UserRef;
import cores.api.persistence.Transactions;
import cores.api.web.FieldErrors;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link BookingDesk} of the site's pages: the same search, rules, locks and mails as the REST
 * API, each read or change in a transaction of its own.
 */
@Component(service = BookingDesk.class)
public final class BookingDeskService implements BookingDesk {
  /** A hold and what a page shows with it; the where clause and order are appended. */
  private static final String HOLDS =
      "SELECT '%1$s' AS kind, x.id, x.bookable_id, k.host_id, h.hostname, host(h.ip) AS ip,"
          + " x.owner_id, u.username, "
          + String.format(BookingMail.NAME, "u")
          + " AS owner_name, x.start_time, x.end_time, x.comment, x.created"
          + " FROM %2$s x JOIN booking_bookable k ON k.id = x.bookable_id"
          + " JOIN inventory_host h ON h.id = k.host_id LEFT JOIN accounts_user_v1 u ON u.id = x.owner_id";

  private static final String BOOKINGS = String.format(HOLDS, "booking", "booking_booking");
  private static final String RESERVATIONS =
      String.format(HOLDS, "reservation", "booking_reservation");

  private final Transactions tx;
  private final BookingService service;
  private final ZoneId zone;
  private final Clock clock;
  private final SearchCache search;
  private final HostSheets sheets;

  @Activate
  public BookingDeskService(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail,
      @Reference SearchCache search) {
    this(tx, mail, search, Clock.systemUTC());
  }

  BookingDeskService(Transactions tx, BookingMail mail, SearchCache search, Clock clock) {
    this.tx = tx;
    this.service = new BookingService(mail);
    this.zone = mail.zone();
    this.clock = clock;
    this.search = search;
    this.sheets = new HostSheets(zone);
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public BookableResults search(BookableQuery query, Optional<User> asker, int limit, int offset) {
    Instant now = clock.instant();
    BookableSearch.Filters filters = BookableSearch.Filters.of(query, asker.map(User::id));
    BookableSearch.Result result =
        tx.readOnly(em -> search.search(Sql.of(em), filters, now, limit, offset));
    return new BookableResults(
        result.count(), result.rows().stream().map(BookingDeskService::row).toList());
  }

  /** A row of the search as the API shapes it (the original's keys and Cores' beside them). */
  private static BookableRow row(Map<String, Object> row) {
    List<String> cards = new ArrayList<>();
    if (row.get("cards") instanceof List<?> list) {
      for (Object card : list) {
        if (card instanceof Map<?, ?> c) {
          cards.add(String.valueOf(c.get("cardtype__name")));
        }
      }
    }
    return new BookableRow(
        (Long) row.get("id"),
        (Long) row.get("host"),
        (String) row.get("hostname"),
        (String) row.get("ip"),
        (String) row.get("hardware"),
        cards,
        (String) row.get("building_code"),
        (String) row.get("lab_name"),
        integer(row.get("rack_number")),
        (String) row.get("status"),
        (Instant) row.get("booked_until"),
        (String) row.get("booked_by"),
        Boolean.TRUE.equals(row.get("reserved")));
  }

  @Override
  public Catalog catalog() {
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          return new Catalog(
              groups(
                  sql.rows(
                      "SELECT coalesce(b.id, 0) AS gid, coalesce(b.code, '(no building)') AS gname,"
                          + " l.id, l.name FROM inventory_lab l"
                          + " FULL JOIN inventory_building b ON b.id = l.building_id"
                          + " ORDER BY b.code NULLS LAST, lower(l.name)",
                      List.of())),
              groups(
                  sql.rows(
                      "SELECT coalesce(t.id, 0) AS gid, coalesce(t.name, '(no type)') AS gname,"
                          + " hw.id, hw.name FROM inventory_hosthardware hw"
                          + " FULL JOIN inventory_hosttype t ON t.id = hw.host_type_id"
                          + " ORDER BY t.name NULLS LAST, lower(hw.name)",
                      List.of())));
        });
  }

  private static List<Catalog.Group> groups(List<Map<String, Object>> rows) {
    Map<Long, Catalog.Group> groups = new LinkedHashMap<>();
    Map<Long, List<Catalog.Option>> options = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      long id = (Long) row.get("gid");
      options.computeIfAbsent(id, g -> new ArrayList<>());
      groups.putIfAbsent(id, new Catalog.Group(id, (String) row.get("gname"), List.of()));
      if (row.get("id") != null) {
        options.get(id).add(new Catalog.Option((Long) row.get("id"), (String) row.get("name")));
      }
    }
    List<Catalog.Group> result = new ArrayList<>();
    groups.forEach((id, group) -> result.add(new Catalog.Group(id, group.name(), options.get(id))));
    return result;
  }

  @Override
  public Optional<HostSheet> host(long hostId) {
    Instant now = clock.instant();
    // a kept sheet is checked by one autocommit statement: one round trip, no transaction
    HostSheet kept = tx.autocommit(c -> sheets.kept(Sql.on(c), hostId, now));
    if (kept != null) {
      return Optional.of(kept);
    }
    return tx.readOnly(
        em ->
            Optional.ofNullable(
                sheets.sheet(Sql.of(em), hostId, now, sql -> sheet(sql, hostId, now))));
  }

  private HostSheets.Read sheet(Sql sql, long hostId, Instant now) {
    Map<String, Object> h =
        sql.row(
            "SELECT h.id, h.hostname, h.status, host(h.ip) AS ip, h.lastseen, h.serial_no,"
                + " h.asset_no, dv.vendor AS disk_vendor, ht.name AS host_type,"
                + " hw.name AS hardware, bl.code AS building, l.name AS lab, r.number AS rack,"
                + " h.owner_id, ou.username AS owner_username, "
                + String.format(BookingMail.NAME, "ou")
                + " AS owner_name, h.group_id, g.name AS group_name, h.details, h.hypervisor,"
                + " vm.hostname AS vm_host, b.id AS bookable_id, b.status AS bookable_status,"
                + " b.comment AS bookable_comment"
                + " FROM inventory_host h JOIN inventory_hosthardware hw ON hw.id = h.hardware_id"
                + " LEFT JOIN inventory_hosttype ht ON ht.id = hw.host_type_id"
                + " LEFT JOIN inventory_hdvendor dv ON dv.id = h.diskvendor_id"
                + " LEFT JOIN inventory_rack r ON r.id = h.rack_id"
                + " LEFT JOIN inventory_lab l ON l.id = r.lab_id"
                + " LEFT JOIN inventory_building bl ON bl.id = l.building_id"
                + " LEFT JOIN accounts_user_v1 ou ON ou.id = h.owner_id"
                + " LEFT JOIN accounts_group_v1 g ON g.id = h.group_id"
                + " LEFT JOIN inventory_host vm ON vm.id = h.vm_host_id"
                + " LEFT JOIN booking_bookable b ON b.host_id = h.id WHERE h.id = ?",
            List.of(hostId));
    if (h == null) {
      return null;
    }
    List<HostSheet.Nic> nics = new ArrayList<>();
    for (Map<String, Object> n :
        sql.rows(
            "SELECT mac::text AS mac, host(ip) AS ip, model, \"primary\", integrated, management,"
                + " lastseen FROM inventory_nic WHERE host_id = ? ORDER BY \"primary\" DESC, mac",
            List.of(hostId))) {
      nics.add(
          new HostSheet.Nic(
              (String) n.get("mac"),
              (String) n.get("ip"),
              (String) n.get("model"),
              (Boolean) n.get("primary"),
              (Boolean) n.get("integrated"),
              (Boolean) n.get("management"),
              (Instant) n.get("lastseen")));
    }
    List<HostSheet.Card> cards = new ArrayList<>();
    for (Map<String, Object> c :
        sql.rows(
            "SELECT ct.name, c.details, c.asset_no FROM inventory_card c"
                + " JOIN inventory_cardtype ct ON ct.id = c.cardtype_id WHERE c.host_id = ?"
                + " ORDER BY ct.name, c.id",
            List.of(hostId))) {
      cards.add(
          new HostSheet.Card(
              (String) c.get("name"), (String) c.get("details"), (String) c.get("asset_no")));
    }
    HostSheet.Bookable bookable = null;
    List<Hold> holds = List.of();
    List<Map<String, Object>> holdRows = List.of();
    if (h.get("bookable_id") instanceof Long id) {
      holdRows = notEnded(sql, id, now);
      holds = holds(holdRows);
      Hold reservation =
          holds.stream()
              .filter(x -> x.kind() == Hold.Kind.RESERVATION && x.current(now))
              .findFirst()
              .orElse(null);
      bookable =
          new HostSheet.Bookable(
              id,
              (String) h.get("bookable_status"),
              (String) h.get("bookable_comment"),
              reservation);
    }
    Long owner = (Long) h.get("owner_id");
    // the accounts' names shown, as read, for the kept sheet's check
    List<HostSheets.Named> users = new ArrayList<>();
    if (owner != null) {
      users.add(
          new HostSheets.Named(
              owner, (String) h.get("owner_username"), (String) h.get("owner_name")));
    }
    for (Map<String, Object> r : holdRows) {
      users.add(
          new HostSheets.Named(
              (Long) r.get("owner_id"), (String) r.get("username"), (String) r.get("owner_name")));
    }
    List<HostSheets.Named> groups = new ArrayList<>();
    if (h.get("group_id") instanceof Long group) {
      groups.add(new HostSheets.Named(group, null, (String) h.get("group_name")));
    }
    HostSheet sheet =
        new HostSheet(
            hostId,
            (String) h.get("hostname"),
            (String) h.get("status"),
            (String) h.get("ip"),
            (Instant) h.get("lastseen"),
            (String) h.get("serial_no"),
            (String) h.get("asset_no"),
            (String) h.get("disk_vendor"),
            (String) h.get("host_type"),
            (String) h.get("hardware"),
            new HostSheet.Location(
                (String) h.get("building"), (String) h.get("lab"), integer(h.get("rack"))),
            owner == null
                ? null
                : user(owner, (String) h.get("owner_username"), (String) h.get("owner_name")),
            (String) h.get("group_name"),
            (String) h.get("details"),
            (Boolean) h.get("hypervisor"),
            (String) h.get("vm_host"),
            nics,
            cards,
            bookable,
            holds,
            Availability.days(holds, LocalDate.ofInstant(now, zone), zone));
    return new HostSheets.Read(sheet, users, groups);
  }

  /** The rows of the bookable's holds that have not ended, as {@link #holds} reads them. */
  private static List<Map<String, Object>> notEnded(Sql sql, long bookable, Instant now) {
    List<Object> params = List.of(bookable, now, bookable, now);
    return sql.rows(
        BOOKINGS
            + " WHERE x.bookable_id = ? AND x.end_time > ? UNION ALL "
            + RESERVATIONS
            + " WHERE x.bookable_id = ? AND (x.end_time IS NULL OR x.end_time > ?)"
            + " ORDER BY start_time, kind",
        params);
  }

  @Override
  public Optional<String> unbookable(HostSheet host) {
    if (host.bookable() == null) {
      return Optional.of("This host has no bookable: it cannot be booked.");
    }
    return Optional.ofNullable(
        BookingService.whyNotHoldable(host.bookable().status(), host.status()));
  }

  @Override
  public Optional<Long> hostOf(long bookableId) {
    return tx.readOnly(
        em -> {
          Map<String, Object> row =
              Sql.of(em)
                  .row("SELECT host_id FROM booking_bookable WHERE id = ?", List.of(bookableId));
          return Optional.ofNullable(row == null ? null : (Long) row.get("host_id"));
        });
  }

  @Override
  public List<Hold> holdsOf(long userId, Instant since) {
    return tx.readOnly(
        em ->
            holds(
                Sql.of(em)
                    .rows(
                        BOOKINGS
                            + " WHERE x.owner_id = ? AND x.end_time > ? UNION ALL "
                            + RESERVATIONS
                            + " WHERE x.owner_id = ? AND (x.end_time IS NULL OR x.end_time > ?)"
                            + " ORDER BY start_time, kind",
                        List.of(userId, since, userId, since))));
  }

  @Override
  public List<Hold> holdsOf(long userId, Instant since, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tx.readOnly(
        em ->
            holds(
                Sql.of(em)
                    .rows(
                        "("
                            + BOOKINGS
                            + " WHERE x.owner_id = ? AND x.end_time > ?"
                            + " ORDER BY x.start_time, x.id LIMIT ?) UNION ALL ("
                            + RESERVATIONS
                            + " WHERE x.owner_id = ? AND (x.end_time IS NULL OR x.end_time > ?)"
                            + " ORDER BY x.start_time, x.id LIMIT ?) ORDER BY start_time, kind",
                        List.of(userId, since, limit, userId, since, limit))));
  }

  @Override
  public Optional<Hold> booking(long id) {
    return one(BOOKINGS, id);
  }

  @Override
  public Optional<Hold> reservation(long id) {
    return one(RESERVATIONS, id);
  }

  @Override
  public Hold holdToChange(User actor, Hold.Kind kind, long id) {
    String what = kind == Hold.Kind.BOOKING ? "booking" : "reservation";
    Optional<Hold> found = kind == Hold.Kind.BOOKING ? booking(id) : reservation(id);
    if (found.isEmpty()) {
      // also a second press of "cancel" (the back button, a double click): the row is gone, and
      // nothing of this bundle's own keeps that it was there
      throw BookingService.none(what, id);
    }
    BookingService.requireOwnerOrStaff(actor, found.get().owner().id(), id, what, "change");
    return found.get();
  }

  private Optional<Hold> one(String query, long id) {
    return tx.readOnly(
        em -> holds(Sql.of(em).rows(query + " WHERE x.id = ?", List.of(id))).stream().findFirst());
  }

  @Override
  public Hold bookDays(
      User actor, long bookable, LocalDate first, LocalDate last, String comment, Long owner) {
    Instant now = clock.instant();
    days(first, last, now);
    long id =
        tx.required(
            em ->
                (Long)
                    service
                        .book(
                            Sql.of(em),
                            actor,
                            new BookingService.BookingRequest(
                                bookable,
                                BookingRules.firstDay(first, zone, now),
                                BookingRules.lastDay(last, zone),
                                comment,
                                owner,
                                null),
                            now)
                        .get("id"));
    return booking(id).orElseThrow();
  }

  @Override
  public Hold reserve(User actor, long bookable, LocalDate first, String comment, Long owner) {
    Instant now = clock.instant();
    if (first == null) {
      throw FieldErrors.single("start", "required");
    }
    long id =
        tx.required(
            em ->
                (Long)
                    service
                        .reserve(
                            Sql.of(em),
                            actor,
                            new BookingService.ReservationRequest(
                                bookable,
                                BookingRules.firstDay(first, zone, now),
                                null,
                                comment,
                                owner),
                            now)
                        .get("id"));
    return reservation(id).orElseThrow();
  }

  @Override
  public Hold changeBooking(User actor, long id, LocalDate last, String comment) {
    Instant now = clock.instant();
    if (last == null) {
      throw FieldErrors.single("end", "required");
    }
    tx.required(
        em -> {
          Sql sql = Sql.of(em);
          Map<String, Object> row =
              sql.row("SELECT end_time FROM booking_booking WHERE id = ?", List.of(id));
          // no such booking: the service says so
          Instant end =
              row == null
                  ? null
                  : BookingRules.changedLastDay((Instant) row.get("end_time"), last, zone);
          return service.changeBooking(
              sql, actor, id, new BookingService.Change(end, comment, false), now);
        });
    return booking(id).orElseThrow();
  }

  @Override
  public Hold endBooking(User actor, long id) {
    Instant now = clock.instant();
    tx.required(
        em -> {
          Sql sql = Sql.of(em);
          Map<String, Object> row =
              sql.row(
                  "SELECT owner_id, end_time FROM booking_booking WHERE id = ? FOR UPDATE",
                  List.of(id));
          // a second press (the back button, a double click) finds it ended: say so, not that
          // it "cannot be extended", which the change below would answer
          if (row != null && !((Instant) row.get("end_time")).isAfter(now)) {
            BookingService.requireOwnerOrStaff(
                actor, (Long) row.get("owner_id"), id, "booking", "change");
            throw FieldErrors.single(
                "end", "this booking has already ended: there is nothing to give back");
          }
          return service.changeBooking(
              sql, actor, id, new BookingService.Change(now, null, false), now);
        });
    return booking(id).orElseThrow();
  }

  @Override
  public void cancelBooking(User actor, long id) {
    Instant now = clock.instant();
    tx.required(
        em -> {
          service.cancelBooking(Sql.of(em), actor, id, now);
          return null;
        });
  }

  @Override
  public void cancelReservation(User actor, long id) {
    Instant now = clock.instant();
    tx.required(
        em -> {
          service.cancelReservation(Sql.of(em), actor, id, now);
          return null;
        });
  }

  /**
   * Both days are given and in order, and the last has not ended (a form for today sent after
   * midnight: its first day is today still, {@link BookingRules#firstDay}, but a booking of that
   * day alone would end before it starts); the other rules are those of every booking.
   */
  private void days(LocalDate first, LocalDate last, Instant now) {
    FieldErrors errors = new FieldErrors();
    errors.check("start", first == null ? "required" : null);
    errors.check("end", last == null ? "required" : null);
    if (first != null && last != null && last.isBefore(first)) {
      errors.check("end", "the last day may not be before the first");
    } else if (last != null && !BookingRules.lastDay(last, zone).isAfter(now)) {
      errors.check("end", "this day is over: the last day may not be in the past");
    }
    errors.throwIfAny();
  }

  private static List<Hold> holds(List<Map<String, Object>> rows) {
    List<Hold> holds = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      holds.add(
          new Hold(
              "booking".equals(r.get("kind")) ? Hold.Kind.BOOKING : Hold.Kind.RESERVATION,
              (Long) r.get("id"),
              (Long) r.get("bookable_id"),
              (Long) r.get("host_id"),
              (String) r.get("hostname"),
              (String) r.get("ip"),
              user(
                  (Long) r.get("owner_id"),
                  (String) r.get("username"),
                  (String) r.get("owner_name")),
              (Instant) r.get("start_time"),
              (Instant) r.get("end_time"),
              (String) r.get("comment"),
              (Instant) r.get("created")));
    }
    return holds;
  }

  private static Integer integer(Object value) {
    return value instanceof Number number ? number.intValue() : null;
  }

  /** A user as shown; one deleted meanwhile (no row) is named by id. */
  static UserRef user(long id, String username, String name) {
    return username == null
        ? new UserRef(id, "#" + id, "unknown user #" + id)
        : new UserRef(id, username, name);
  }
}
