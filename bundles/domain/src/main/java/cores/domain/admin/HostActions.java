package cores.domain.admin;

import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The host list's bulk actions: give each host an active bookable, suspend or deactivate their
 * bookables, set their status. Each host and bookable is written through the inventory, so the
 * booking area's rules ({@link Bookables}: a bookable is active only while its host is; a host
 * leaving active suspends its bookable; holders are told) apply as on every other path.
 */
final class HostActions {
  /** Gives each host an active bookable. */
  static final String MAKE_BOOKABLE = "bookable";

  static final String SUSPEND = "suspend";
  static final String MAKE_INACTIVE = "make_inactive";

  /** Sets the hosts' status: the prefix of one action per status ({@code status_missing}). */
  static final String SET_STATUS = "status_";

  /** The actions in the order the list offers them: name to label. */
  static final Map<String, String> LABELS = labels();

  /** What an action does: a status for the hosts, or for their bookables. */
  private record Change(String hostStatus, String bookableStatus) {}

  private HostActions() {}

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MAKE_BOOKABLE, "Make bookable");
    labels.put(SUSPEND, "Suspend (bookable)");
    labels.put(MAKE_INACTIVE, "Make inactive (bookable)");
    for (String status : Models.HOST_STATUSES) {
      labels.put(SET_STATUS + status, "Set status: " + status.replace('_', ' '));
    }
    return labels;
  }

  private static Change change(String action) {
    if (MAKE_BOOKABLE.equals(action)) {
      return new Change(null, Bookables.ACTIVE);
    } else if (SUSPEND.equals(action)) {
      return new Change(null, Bookables.SUSPENDED);
    } else if (MAKE_INACTIVE.equals(action)) {
      return new Change(null, Bookables.INACTIVE);
    } else if (action != null
        && action.startsWith(SET_STATUS)
        && Models.HOST_STATUSES.contains(action.substring(SET_STATUS.length()))) {
      return new Change(action.substring(SET_STATUS.length()), null);
    }
    throw ProblemException.badRequest("No action " + action + " for Hosts.");
  }

  /** The bookables the action takes out of active. */
  static List<Long> leavingActive(Sql sql, String action, List<Long> hostIds) {
    Change change = change(action);
    return Bookables.leavingActive(sql, hostIds, change.hostStatus(), change.bookableStatus());
  }

  /** Whether the action writes bookables (else the hosts themselves). */
  static boolean writesBookables(String action) {
    return change(action).hostStatus() == null;
  }

  /**
   * Runs the action on the hosts, all or (on any refusal) none; a refusal names the host. Hosts
   * without a bookable have nothing to suspend or deactivate and are left alone.
   */
  static void run(
      Inventory inventory, Bookables bookables, Sql sql, String action, List<Long> ids) {
    Change change = change(action);
    if (MAKE_BOOKABLE.equals(action)) {
      // as the bookables' bulk endpoint of the API: creating and activating bookables
      Bookables.Bulk done = bookables.createFor(sql, ids, Bookables.ACTIVE);
      if (!done.refused().isEmpty()) {
        throw ProblemException.conflict(
            "Nothing was made bookable: "
                + done.refused().stream()
                    .map(r -> "host #" + r.get("host") + ": " + r.get("reason"))
                    .collect(Collectors.joining(" ")));
      }
      return;
    }
    // in id order, the order every write locks hosts in
    for (long id : ids.stream().sorted().toList()) {
      String label = Labels.labels(sql, Models.HOST.table(), List.of(id)).get(id);
      if (label == null) {
        throw ProblemException.notFound("Nothing was done: no host with id " + id + ".");
      }
      try {
        if (change.hostStatus() != null) {
          inventory.update(sql, Models.HOST, id, Map.of("status", change.hostStatus()), true);
        } else {
          Optional<Long> bookable = bookableOf(sql, id);
          if (bookable.isPresent()) {
            inventory.update(
                sql,
                Bookables.MODEL,
                bookable.get(),
                Map.of("status", change.bookableStatus()),
                true);
          }
        }
      } catch (ProblemException e) {
        throw ProblemException.conflict(
            "Nothing was done: host " + label + ": " + AdminDeskService.reasons(e));
      }
    }
  }

  private static Optional<Long> bookableOf(Sql sql, long hostId) {
    Map<String, Object> row =
        sql.row("SELECT id FROM booking_bookable WHERE host_id = ?", List.of(hostId));
    return row == null ? Optional.empty() : Optional.of((Long) row.get("id"));
  }
}
