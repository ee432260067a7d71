package cores.domain.admin;

import cores.api.admin.AdminDesk.Done;
import cores.api.admin.AdminModel;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.loans.Loans;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The bulk actions of the models besides hosts ({@link HostActions}): a bookable's status, a loan's
 * return, a reservation's end, and the live ones ({@link LiveWrites}). Each says, before it is run
 * on an object, whether it would change it: one it would not is left as it was and named, as the
 * hosts' are, and the change page of an object offers only the actions that would change it.
 */
final class BulkSteps {
  /**
   * What a bulk action does to one object, inside the action's transaction: its check, then its
   * write.
   */
  record Step(Check check, Write write) {
    /**
     * Why the action would leave the object as it is ("already returned"), or null when it changes
     * it; the action's refusal (a {@link ProblemException}) when it cannot be done to it.
     */
    String unchanged(Sql sql, long id, Instant now) {
      return check.unchanged(sql, id, now);
    }

    void apply(Sql sql, long id, Rules.Actor actor) {
      write.apply(sql, id, actor);
    }
  }

  /** {@link Step#unchanged}. */
  interface Check {
    String unchanged(Sql sql, long id, Instant now);
  }

  /** {@link Step#apply}. */
  interface Write {
    void apply(Sql sql, long id, Rules.Actor actor);
  }

  private final Inventory inventory;
  private final Function<Model, Rules> rules;
  private final HoldWrites reservations;
  private final LiveWrites live;

  BulkSteps(
      Inventory inventory, Function<Model, Rules> rules, HoldWrites reservations, LiveWrites live) {
    this.inventory = inventory;
    this.rules = rules;
    this.reservations = reservations;
    this.live = live;
  }

  /** What a bulk action does to each object; null if the model has no such action. */
  Step step(Model model, String action) {
    if (model == Catalog.BOOKABLE && Catalog.SET_STATUS.containsKey(action)) {
      String status = Catalog.SET_STATUS.get(action);
      return new Step(
          (sql, id, now) -> {
            Object before = column(sql, model, "status", id);
            return status.equals(before)
                ? Bookables.ACTIVE.equals(status) ? "already bookable" : "already " + status
                : null;
          },
          (sql, id, actor) ->
              rules
                  .apply(model)
                  .update(inventory, sql, model, id, Map.of("status", status), true, actor));
    }
    if (model == Loans.LOAN && Catalog.RETURN.equals(action)) {
      return new Step(
          (sql, id, now) ->
              Boolean.TRUE.equals(column(sql, model, "returned", id)) ? "already returned" : null,
          (sql, id, actor) ->
              rules
                  .apply(model)
                  .update(inventory, sql, model, id, Map.of("returned", true), true, actor));
    }
    if (model == Catalog.RESERVATION && Catalog.END.equals(action)) {
      return new Step(
          (sql, id, now) ->
              column(sql, model, "end_time", id) instanceof Instant end && !end.isAfter(now)
                  ? "already ended"
                  : null,
          reservations::end);
    }
    return live.step(model, action);
  }

  /** A column of an object's row; 404 when there is none. */
  private static Object column(Sql sql, Model model, String column, long id) {
    Map<String, Object> row =
        sql.row(
            "SELECT " + column + " AS value FROM " + model.table() + " WHERE id = ?", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No " + model.name() + " with id " + id + ".");
    }
    return row.get("value");
  }

  /**
   * Runs the action on the objects in the caller's transaction, each as its own change would be:
   * all that it changes or (on any refusal, which names the object) none; those it would not change
   * are left alone and named in what it did.
   */
  static Done run(
      Sql sql,
      Model model,
      AdminModel admin,
      String action,
      Step step,
      List<Long> given,
      Rules.Actor actor,
      ZoneId zone) {
    List<Long> ids = given.stream().distinct().toList();
    // named before the action, in one read: a refusal may leave the transaction unusable
    Map<Long, String> labels = Labels.ofEach(sql, model.table(), ids, zone);
    String label = admin.actions().getOrDefault(action, action);
    List<String> skipped = new ArrayList<>();
    int changed = 0;
    for (long id : ids) {
      String why;
      try {
        why = step.unchanged(sql, id, actor.now());
      } catch (ProblemException e) {
        throw ProblemException.conflict(
            "Nothing was done: "
                + label
                + " does not apply to "
                + admin.singular()
                + " "
                + labels.get(id)
                + ": "
                + reasons(e));
      }
      if (why != null) {
        skipped.add(labels.get(id) + ": " + why);
        continue;
      }
      try {
        step.apply(sql, id, actor);
        changed++;
      } catch (ProblemException e) {
        throw ProblemException.conflict(
            "Nothing was done: " + admin.singular() + " " + labels.get(id) + ": " + reasons(e));
      }
    }
    return new Done(changed, skipped);
  }

  /** Of the actions, those that would change the object, in their order. */
  Set<String> changing(Sql sql, Model model, long id, Set<String> actions, Instant now) {
    Set<String> changing = new LinkedHashSet<>();
    for (String action : actions) {
      Step step = step(model, action);
      if (step != null && applies(step, sql, id, now)) {
        changing.add(action);
      }
    }
    return changing;
  }

  /** Whether the step would change the object. */
  static boolean applies(Step step, Sql sql, long id, Instant now) {
    try {
      return step.unchanged(sql, id, now) == null;
    } catch (ProblemException e) {
      return false;
    }
  }

  /** What a refusal says: its fields' problems, or its detail. */
  static String reasons(ProblemException e) {
    if (e.errors().isEmpty()) {
      return e.detail();
    }
    List<String> reasons = new ArrayList<>();
    // the domain's sentences stand alone; a field's short problem ("must be after the start")
    // is read after the field's name
    e.errors()
        .forEach(
            (field, messages) ->
                messages.forEach(
                    m -> reasons.add(Character.isUpperCase(m.charAt(0)) ? m : field + " " + m)));
    return String.join("; ", reasons);
  }
}
