package cores.domain.booking;

import cores.domain.inventory.Field;
import cores.domain.inventory.HostStatus;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The bookable model, and what happens when a bookable stops being active (its host left active, an
 * admin changed its status, or it is deleted): every holder of a booking or reservation that has
 * not ended is mailed, in the same transaction.
 */
public final class Bookables implements HostStatus.LeftActive {
  public static final String ACTIVE = "active";
  public static final String SUSPENDED = "suspended";
  public static final List<String> STATUSES = List.of("created", ACTIVE, SUSPENDED, "inactive");

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
                  new Field("status", "status", Field.Kind.CHOICE, false, 0, null, STATUSES, true),
                  new Field(
                      "comment",
                      "comment",
                      Field.Kind.TEXT,
                      false,
                      100_000,
                      null,
                      List.of(),
                      true)),
              List.of(),
              "id")
          .withExample(Map.of("host", 1, "status", ACTIVE));

  private final BookingMail mail;
  private final Clock clock;

  public Bookables(BookingMail mail, Clock clock) {
    this.mail = mail;
    this.clock = clock;
  }

  /** When a host's status leaves active, its bookable, if active, becomes suspended. */
  @Override
  public void hostLeftActive(Sql sql, long hostId) {
    for (Map<String, Object> row :
        sql.rows(
            "UPDATE booking_bookable SET status = ? WHERE host_id = ? AND status = ? RETURNING id",
            List.of(SUSPENDED, hostId, ACTIVE))) {
      mail.bookableUnavailable(sql, (Long) row.get("id"), clock.instant());
    }
  }

  /** Replaces or patches a bookable through the inventory's checks. */
  public Map<String, Object> update(
      Sql sql, Inventory inventory, long id, Map<String, Object> input, boolean partial) {
    String before = (String) inventory.get(sql, MODEL, id).get("status");
    Map<String, Object> after = inventory.update(sql, MODEL, id, input, partial);
    if (ACTIVE.equals(before) && !ACTIVE.equals(after.get("status"))) {
      mail.bookableUnavailable(sql, id, clock.instant());
    }
    return after;
  }

  /** Deletes a bookable (its bookings and reservations go with it: their holders are told). */
  public void delete(Sql sql, Inventory inventory, long id) {
    if (ACTIVE.equals(inventory.get(sql, MODEL, id).get("status"))) {
      mail.bookableUnavailable(sql, id, clock.instant());
    }
    inventory.delete(sql, MODEL, id);
  }

  /**
   * Bulk creation from the host list: every host gets a bookable (existing ones are kept) with the
   * given status. The number of bookables created.
   */
  public int createFor(Sql sql, List<Long> hostIds, String status) {
    String array = Sql.array(hostIds);
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
      for (Map<String, Object> row : changed) {
        if (ACTIVE.equals(row.get("before"))) {
          mail.bookableUnavailable(sql, (Long) row.get("id"), clock.instant());
        }
      }
    }
    return created;
  }
}
