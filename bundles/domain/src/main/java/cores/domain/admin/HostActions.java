package cores.domain.admin;

import cores.api.admin.AdminDesk;
import cores.api.web.Choices;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.sql.Sql;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** The actions in the order the list offers them: name to label and what it did. */
  static final Map<String, BulkAction> ACTIONS = actions();

  /** What an action does: a status for the hosts, or for their bookables. */
  private record Change(String hostStatus, String bookableStatus) {}

  private HostActions() {}

  private static Map<String, BulkAction> actions() {
    Map<String, BulkAction> actions = new LinkedHashMap<>();
    actions.put(MAKE_BOOKABLE, BulkAction.of("Make bookable", "made bookable"));
    actions.put(SUSPEND, BulkAction.of("Suspend (bookable)", "suspended for booking"));
    actions.put(
        MAKE_INACTIVE, BulkAction.of("Make inactive (bookable)", "made inactive for booking"));
    for (String status : Models.HOST_STATUSES) {
      String shown = Choices.label(status);
      actions.put(
          SET_STATUS + status, BulkAction.of("Set status: " + shown, "given the status " + shown));
    }
    return actions;
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

  /** The permissions the action needs: those of the writes it makes. */
  static List<String> permissions(String action) {
    if (!writesBookables(action)) {
      return List.of(Models.HOST.permission("change"));
    }
    return MAKE_BOOKABLE.equals(action)
        ? List.of(Bookables.MODEL.permission("add"), Bookables.MODEL.permission("change"))
        : List.of(Bookables.MODEL.permission("change"));
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
   * Runs the action on the hosts, all or (on any refusal) none; a refusal names the host, and ids
   * of no host are refused together, naming them. Hosts the action would not change (without a
   * bookable to suspend, already at its status) are left alone and named in what it did.
   */
  static AdminDesk.Done run(
      Inventory inventory, Bookables bookables, Sql sql, String action, List<Long> ids) {
    Change change = change(action);
    // a host's label has no time in it: any zone names it the same
    Map<Long, String> labels = Labels.labels(sql, Models.HOST.table(), ids, ZoneOffset.UTC);
    List<Long> missing = ids.stream().filter(id -> !labels.containsKey(id)).distinct().toList();
    if (!missing.isEmpty()) {
      throw ProblemException.notFound(
          "Nothing was done: no host with id "
              + missing.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + ".");
    }
    // in id order, the order every write locks hosts in
    List<Long> sorted = ids.stream().distinct().sorted().toList();
    Map<Long, Map<String, Object>> before = before(sql, sorted);
    List<Long> changing = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (long id : sorted) {
      String why = unchanged(change, before.get(id));
      if (why == null) {
        changing.add(id);
      } else {
        skipped.add(labels.get(id) + ": " + why);
      }
    }
    if (MAKE_BOOKABLE.equals(action)) {
      // as the bookables' bulk endpoint of the API: creating and activating bookables
      Bookables.Bulk done = bookables.createFor(sql, changing, Bookables.ACTIVE);
      if (!done.refused().isEmpty()) {
        throw ProblemException.conflict(
            "Nothing was made bookable: "
                + done.refused().stream()
                    .map(r -> "host " + labels.get((Long) r.get("host")) + ": " + r.get("reason"))
                    .collect(Collectors.joining(" ")));
      }
      return new AdminDesk.Done(changing.size(), skipped);
    }
    for (long id : changing) {
      try {
        if (change.hostStatus() != null) {
          inventory.update(sql, Models.HOST, id, Map.of("status", change.hostStatus()), true);
        } else {
          inventory.update(
              sql,
              Bookables.MODEL,
              (Long) before.get(id).get("bookable"),
              Map.of("status", change.bookableStatus()),
              true);
        }
      } catch (ProblemException e) {
        throw ProblemException.conflict(
            "Nothing was done: host " + labels.get(id) + ": " + BulkSteps.reasons(e));
      }
    }
    return new AdminDesk.Done(changing.size(), skipped);
  }

  /**
   * Of the actions, those that would change the host, in their order: not "make bookable" for a
   * host that is, nor its own status; none for a host that is gone.
   */
  static Set<String> applicable(Sql sql, long id, Set<String> actions) {
    Map<String, Object> host = before(sql, List.of(id)).get(id);
    Set<String> applicable = new LinkedHashSet<>();
    if (host != null) {
      actions.stream().filter(a -> unchanged(change(a), host) == null).forEach(applicable::add);
    }
    return applicable;
  }

  /** Each host's status, and its bookable's id and status (null without one). */
  private static Map<Long, Map<String, Object>> before(Sql sql, List<Long> ids) {
    Map<Long, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row :
        sql.rows(
            "SELECT h.id, h.status, b.id AS bookable, b.status AS bookable_status"
                + " FROM inventory_host h LEFT JOIN booking_bookable b ON b.host_id = h.id"
                + " WHERE h.id = ANY (?::bigint[])",
            List.of(Sql.array(ids)))) {
      rows.put((Long) row.get("id"), row);
    }
    return rows;
  }

  /** Why the action leaves a host as it is, or null when it changes it. */
  private static String unchanged(Change change, Map<String, Object> host) {
    if (change.hostStatus() != null) {
      return change.hostStatus().equals(host.get("status"))
          ? "already " + Choices.label(change.hostStatus())
          : null;
    }
    if (host.get("bookable") == null) {
      return Bookables.ACTIVE.equals(change.bookableStatus()) ? null : "has no bookable";
    }
    if (change.bookableStatus().equals(host.get("bookable_status"))) {
      return Bookables.ACTIVE.equals(change.bookableStatus())
          ? "already bookable"
          : "already " + change.bookableStatus();
    }
    return null;
  }
}
