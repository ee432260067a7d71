package cores.domain.admin;

import cores.api.accounts.Permissions;
import cores.api.accounts.User;
import cores.api.live.LiveDesk;
import cores.api.web.ProblemException;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.live.ConflictActions;
import cores.domain.live.ConflictStatus;
import cores.domain.live.IgnoredMacs;
import cores.domain.live.LiveLists;
import cores.domain.sql.Sql;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin's writes of the live models, through the same domain code as the REST API and the live
 * pages: the ignore list's additions and removals ({@link IgnoredMacs}, these are its {@link
 * Rules}), and the bulk actions on conflicts ({@link ConflictActions}) and offline host warnings
 * ({@link LiveLists#setWarningStatus}).
 */
final class LiveWrites implements Rules {
  private final ConflictActions conflicts = new ConflictActions();
  private final LiveLists lists = new LiveLists();
  private final IgnoredMacs macs = new IgnoredMacs();

  @Override
  public Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    return macs.add(sql, input);
  }

  @Override
  public void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    if (!macs.remove(sql, id)) {
      throw ProblemException.notFound("No ignored MAC with id " + id + ".");
    }
  }

  /** What a live bulk action does to one object; null if the model has no such action. */
  BulkSteps.Step step(Model model, String action) {
    if (model == LiveCatalog.SCANCONFLICT) {
      BulkSteps.Write write =
          switch (action) {
            case LiveCatalog.ACCEPT -> (sql, id, actor) -> conflicts.acceptIp(sql, id);
            case LiveCatalog.RESOLVE -> (sql, id, actor) -> conflicts.resolve(sql, id);
            case LiveCatalog.IGNORE -> (sql, id, actor) -> conflicts.ignore(sql, id);
            case LiveCatalog.IGNORE_MAC ->
                (sql, id, actor) ->
                    conflicts.ignoreMac(
                        sql, id, macs, "Ignored in the admin by " + actor.user().username() + ".");
            default -> null;
          };
      return write == null
          ? null
          : new BulkSteps.Step((sql, id, now) -> conflicts.unchanged(sql, id, action), write);
    }
    if (model == LiveCatalog.OFFLINEHOSTWARNING) {
      String status =
          switch (action) {
            case LiveCatalog.RESOLVE -> ConflictStatus.RESOLVED;
            case LiveCatalog.IGNORE -> ConflictStatus.IGNORE;
            default -> null;
          };
      return status == null
          ? null
          : new BulkSteps.Step(
              (sql, id, now) -> lists.unchangedWarning(sql, id, status),
              (sql, id, actor) -> lists.setWarningStatus(sql, id, status));
    }
    return null;
  }

  /**
   * The live pages' forms that act on a scan conflict, where they apply and the user may use them:
   * label to path.
   */
  Map<String, String> links(Sql sql, Model model, long id, User user) {
    Map<String, String> links = new LinkedHashMap<>();
    if (model != LiveCatalog.SCANCONFLICT || !user.hasPermission(Permissions.CHANGE_SCANCONFLICT)) {
      return links;
    }
    if (opens(sql, id, ConflictActions.LOCATION)) {
      links.put("Fix location", "/live/conflicts/" + id + "/location");
    }
    if (user.hasPermission(LiveDesk.ADD_NIC_PERMISSION) && opens(sql, id, ConflictActions.NIC)) {
      links.put("Add NIC", "/live/conflicts/" + id + "/nic");
    }
    return links;
  }

  /** Whether the conflict's form of that action would change it. */
  private boolean opens(Sql sql, long id, String action) {
    try {
      return conflicts.unchanged(sql, id, action) == null;
    } catch (ProblemException e) {
      return false;
    }
  }
}
