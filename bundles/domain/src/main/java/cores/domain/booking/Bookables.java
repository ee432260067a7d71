package cores.domain.booking;

import cores.domain.inventory.Field;
import cores.domain.inventory.HostStatus;
import cores.domain.inventory.Model;
import cores.domain.sql.Sql;
import java.util.List;

/** The bookable model, and what happens to bookables when their host changes. */
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
                  "host", "host_id", Field.Kind.REF, true, 0, "inventory_host", List.of(), true),
              new Field("status", "status", Field.Kind.CHOICE, false, 0, null, STATUSES, true),
              new Field(
                  "comment", "comment", Field.Kind.TEXT, false, 100_000, null, List.of(), true)),
          List.of(),
          "id");

  /** When a host's status leaves active, its bookable, if active, becomes suspended. */
  @Override
  public void hostLeftActive(Sql sql, long hostId) {
    sql.update(
        "UPDATE booking_bookable SET status = ? WHERE host_id = ? AND status = ?",
        List.of(SUSPENDED, hostId, ACTIVE));
  }

  /**
   * Bulk creation from the host list: every host gets a bookable (existing ones are kept) with the
   * given status. The number of bookables created.
   */
  public static int createFor(Sql sql, List<Long> hostIds, String status) {
    String array = Sql.array(hostIds);
    int created =
        sql.update(
            "INSERT INTO booking_bookable (host_id, status)"
                + " SELECT h.id, ? FROM inventory_host h WHERE h.id = ANY (?::bigint[])"
                + " ON CONFLICT (host_id) DO NOTHING",
            List.of(status, array));
    sql.update(
        "UPDATE booking_bookable SET status = ? WHERE host_id = ANY (?::bigint[])",
        List.of(status, array));
    return created;
  }
}
