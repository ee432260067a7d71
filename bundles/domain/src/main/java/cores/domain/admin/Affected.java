package cores.domain.admin;

import cores.api.admin.AdminDesk.Hold;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Model;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The bookings and reservations not yet ended on the bookables a change takes out of active (a
 * host's status leaving active suspends its bookable, a bookable's own status): what a bulk action
 * or a change form must be confirmed over, one rule ({@link Bookables#leavingActive}) for both.
 */
final class Affected {
  private Affected() {}

  /** Those a bulk action of hosts or bookables affects; none for other models and actions. */
  static List<Hold> ofAction(Sql sql, Model model, String action, List<Long> ids, Instant now) {
    List<Long> leaving;
    if (model == Catalog.HOST) {
      leaving = HostActions.leavingActive(sql, action, ids);
    } else if (model == Catalog.BOOKABLE && Catalog.SET_STATUS.containsKey(action)) {
      List<Long> hosts =
          sql
              .rows(
                  "SELECT host_id FROM booking_bookable WHERE id = ANY (?::bigint[])",
                  List.of(Sql.array(ids)))
              .stream()
              .map(r -> (Long) r.get("host_id"))
              .toList();
      leaving = Bookables.leavingActive(sql, hosts, null, Catalog.SET_STATUS.get(action));
    } else {
      return List.of();
    }
    return holds(sql, leaving, now);
  }

  /**
   * Those a host's or bookable's change form affects by the status it posts; none for other models
   * or without a status.
   */
  static List<Hold> ofEdit(Sql sql, Model model, long id, String status, Instant now) {
    if (status == null || status.isBlank()) {
      return List.of();
    }
    List<Long> leaving;
    if (model == Catalog.HOST) {
      leaving = Bookables.leavingActive(sql, List.of(id), status, null);
    } else if (model == Catalog.BOOKABLE) {
      Map<String, Object> bookable =
          sql.row("SELECT host_id FROM booking_bookable WHERE id = ?", List.of(id));
      if (bookable == null) {
        return List.of();
      }
      leaving =
          Bookables.leavingActive(sql, List.of((Long) bookable.get("host_id")), null, status)
              .stream()
              .filter(b -> b == id)
              .toList();
    } else {
      return List.of();
    }
    return holds(sql, leaving, now);
  }

  private static List<Hold> holds(Sql sql, List<Long> bookables, Instant now) {
    return Bookables.notEnded(sql, bookables, now).stream()
        .map(
            r ->
                new Hold(
                    (String) r.get("kind"),
                    (Long) r.get("id"),
                    (String) r.get("hostname"),
                    (String) r.get("owner"),
                    (Instant) r.get("start_time"),
                    (Instant) r.get("end_time")))
        .toList();
  }
}
