package cores.domain.admin;

import cores.api.web.ProblemException;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.live.ConflictActions;
import cores.domain.live.ConflictStatus;
import cores.domain.live.IgnoredMacs;
import cores.domain.live.LiveLists;
import cores.domain.sql.Sql;
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
  AdminDeskService.Step step(Model model, String action) {
    if (model == LiveCatalog.SCANCONFLICT) {
      return switch (action) {
        case LiveCatalog.ACCEPT -> (sql, id, actor) -> conflicts.acceptIp(sql, id);
        case LiveCatalog.RESOLVE -> (sql, id, actor) -> conflicts.resolve(sql, id);
        case LiveCatalog.IGNORE -> (sql, id, actor) -> conflicts.ignore(sql, id);
        case LiveCatalog.IGNORE_MAC ->
            (sql, id, actor) ->
                conflicts.ignoreMac(
                    sql, id, macs, "Ignored in the admin by " + actor.user().username() + ".");
        default -> null;
      };
    }
    if (model == LiveCatalog.OFFLINEHOSTWARNING) {
      return switch (action) {
        case LiveCatalog.RESOLVE ->
            (sql, id, actor) -> lists.setWarningStatus(sql, id, ConflictStatus.RESOLVED);
        case LiveCatalog.IGNORE ->
            (sql, id, actor) -> lists.setWarningStatus(sql, id, ConflictStatus.IGNORE);
        default -> null;
      };
    }
    return null;
  }
}
