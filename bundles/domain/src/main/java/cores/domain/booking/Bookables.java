package cores.domain.booking;

import cores.domain.inventory.Field;
import cores.domain.inventory.HostStatus;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bookable model and its rules around the inventory's writes (every path that writes hosts and
 * bookables goes through {@link Inventory}): a bookable may be active only while its host is, and
 * when a bookable stops being active (its host left active, an admin changed its status, it was
 * deleted, alone or with its host) every holder of a booking or reservation that has not ended is
 * mailed, in the same transaction.
 */
public final class Bookables implements Inventory.Consequences {
  public static final String ACTIVE = "active";
  public static final String SUSPENDED = "suspended";
  public static final String INACTIVE = "inactive";
  public static final List<String> STATUSES = List.of("created", ACTIVE, SUSPENDED, INACTIVE);

  public static final Model MODEL =
      new Model(
              "booking",
              "bookable",
              "booking_bookable",
              List.of(
                  new Field(
                      "host",
                      "host_id",
                      Field.Kind.REF,
                      true,
                      0,
                      "inventory_host",
                      List.of(),
                      true),
                  new Field("status", "status", Field.Kind.CHOICE, false, 0, null, STATUSES, true)
                      .initially("created"),
                  Field.lines("comment", 100_000, false)),
              List.of(),
              "id")
          .withExample(Map.of("host", 1, "status", ACTIVE));

  private final BookingMail mail;
  private final Clock clock;

  public Bookables(BookingMail mail, Clock clock) {
    this.mail = mail;
    this.clock = clock;
  }

  /**
   * The rule that a bookable may be active only while its host is: why a bookable of a host with
   * this status cannot be active, or null when it can.
   */
  static String whyNotActive(Object hostStatus) {
    return HostStatus.ACTIVE.equals(hostStatus)
        ? null
        : "The host is "
            + hostStatus
            + ", not active: its bookable cannot be active. Set the host's status to active first.";
  }

  @Override
  public void written(Sql sql, Model model, Map<String, Object> before, Map<String, Object> after) {
    long id = (Long) after.get("id");
    if (model == Models.HOST
        && before != null
        && HostStatus.suspendsBookable(
            (String) before.get("status"), (String) after.get("status"))) {
      // a host leaving active suspends its bookable, if that is active
      for (Map<String, Object> row :
          sql.rows(
              "UPDATE booking_bookable SET status = ? WHERE host_id = ? AND status = ? RETURNING id",
              List.of(SUSPENDED, id, ACTIVE))) {
        leftActive(sql, row.get("id"), ACTIVE);
      }
    } else if (model == MODEL) {
      if (ACTIVE.equals(after.get("status"))
          && (before == null
              || !ACTIVE.equals(before.get("status"))
              || !after.get("host").equals(before.get("host")))) {
        // the host's row is read locked: a concurrent change of its status waits, or is seen
        String why =
            whyNotActive(
                sql.row(
                        "SELECT status FROM inventory_host WHERE id = ? FOR SHARE",
                        List.of(after.get("host")))
                    .get("status"));
        if (why != null) {
          throw BookingService.conflict("status", why);
        }
      }
      if (before != null && !ACTIVE.equals(after.get("status"))) {
        leftActive(sql, id, before.get("status"));
      }
    }
  }

  @Override
  public void deleting(Sql sql, Model model, Map<String, Object> row) {
    if (model == Models.HOST) {
      // its bookable goes with it
      for (Map<String, Object> bookable :
          sql.rows(
              "SELECT id, status FROM booking_bookable WHERE host_id = ?",
              List.of(row.get("id")))) {
        leftActive(sql, bookable.get("id"), bookable.get("status"));
      }
    } else if (model == MODEL) {
      leftActive(sql, row.get("id"), row.get("status"));
    }
  }

  /**
   * The one path of a bookable that stops being active, whichever way (its status was {@code
   * before}): if it was active, the holders of its bookings and reservations not yet ended are told
   * it is unavailable (those of one already not active were told when it left active).
   */
  private void leftActive(Sql sql, Object id, Object before) {
    if (ACTIVE.equals(before)) {
      mail.bookableUnavailable(sql, (Long) id, clock.instant());
    }
  }

  /**
   * The bookings and reservations not yet ended on these bookables (those whose holders are told
   * when a bookable leaves active): kind, id, start_time, end_time, hostname and owner (username),
   * by host, start and kind.
   */
  public static List<Map<String, Object>> notEnded(Sql sql, List<Long> bookableIds, Instant now) {
    String ids = Sql.array(bookableIds);
    return sql.rows(
        "SELECT x.kind, x.id, x.start_time, x.end_time, h.hostname,"
            + " (SELECT u.username FROM accounts_user_v1 u WHERE u.id = x.owner_id) AS owner"
            + " FROM (SELECT 'booking' AS kind, b.id, b.bookable_id, b.owner_id, b.start_time,"
            + " b.end_time FROM booking_booking b"
            + " WHERE b.bookable_id = ANY (?::bigint[]) AND b.end_time > ?"
            + " UNION ALL SELECT 'reservation', r.id, r.bookable_id, r.owner_id, r.start_time,"
            + " r.end_time FROM booking_reservation r WHERE r.bookable_id = ANY (?::bigint[])"
            + " AND (r.end_time IS NULL OR r.end_time > ?)) x"
            + " JOIN booking_bookable k ON k.id = x.bookable_id"
            + " JOIN inventory_host h ON h.id = k.host_id"
            + " ORDER BY lower(h.hostname), x.start_time, x.kind, x.id",
        List.of(ids, now, ids, now));
  }

  /**
   * The bookables a change takes out of active: of these hosts, the active bookables of those whose
   * status changing to {@code hostStatus} suspends them ({@link HostStatus#suspendsBookable}); a
   * null {@code hostStatus} leaves the hosts' status alone, and then the hosts' active bookables
   * leave active if {@code bookableStatus} is not active.
   */
  public static List<Long> leavingActive(
      Sql sql, List<Long> hostIds, String hostStatus, String bookableStatus) {
    List<Long> leaving = new ArrayList<>();
    for (Map<String, Object> row :
        sql.rows(
            "SELECT b.id, h.status FROM booking_bookable b JOIN inventory_host h"
                + " ON h.id = b.host_id WHERE h.id = ANY (?::bigint[]) AND b.status = ?"
                + " ORDER BY b.id",
            List.of(Sql.array(hostIds), ACTIVE))) {
      boolean leaves =
          hostStatus == null
              ? !ACTIVE.equals(bookableStatus)
              : HostStatus.suspendsBookable((String) row.get("status"), hostStatus);
      if (leaves) {
        leaving.add((Long) row.get("id"));
      }
    }
    return leaving;
  }

  /** What a bulk creation did: bookables created, and the hosts refused with the reason. */
  public record Bulk(int created, List<Map<String, Object>> refused) {}

  /**
   * Bulk creation from the host list: every host gets a bookable (existing ones are kept) with the
   * given status; hosts whose bookable may not have it ({@link #whyNotActive}) are left alone and
   * listed as refused, with the reason.
   */
  public Bulk createFor(Sql sql, List<Long> hostIds, String status) {
    // hosts read locked first, in id order: the order a host's own change locks host then bookable
    List<Long> allowed = new ArrayList<>();
    List<Map<String, Object>> refused = new ArrayList<>();
    for (Map<String, Object> host :
        sql.rows(
            "SELECT id, status FROM inventory_host WHERE id = ANY (?::bigint[]) ORDER BY id"
                + " FOR SHARE",
            List.of(Sql.array(hostIds)))) {
      String why = ACTIVE.equals(status) ? whyNotActive(host.get("status")) : null;
      if (why == null) {
        allowed.add((Long) host.get("id"));
      } else {
        refused.add(Map.of("host", host.get("id"), "reason", why));
      }
    }
    String array = Sql.array(allowed);
    int created =
        sql.update(
            "INSERT INTO booking_bookable (host_id, status)"
                + " SELECT h.id, ? FROM inventory_host h WHERE h.id = ANY (?::bigint[])"
                + " ON CONFLICT (host_id) DO NOTHING",
            List.of(status, array));
    // the statuses before the change, so bookables leaving active are known
    List<Map<String, Object>> changed =
        sql.rows(
            "UPDATE booking_bookable b SET status = ? FROM booking_bookable old"
                + " WHERE old.id = b.id AND b.host_id = ANY (?::bigint[])"
                + " RETURNING b.id, old.status AS before",
            List.of(status, array));
    if (!ACTIVE.equals(status)) {
      changed.forEach(row -> leftActive(sql, row.get("id"), row.get("before")));
    }
    return new Bulk(created, refused);
  }
}
