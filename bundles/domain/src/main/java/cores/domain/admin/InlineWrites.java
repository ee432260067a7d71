package cores.domain.admin;

import cores.api.admin.AdminDesk.InlineChange;
import cores.api.web.ProblemException;
import cores.domain.inventory.Field;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The inline rows posted with an object's form (a host's NICs and cards), written in the object's
 * transaction through each model's rules: every row is checked before anything is written, so that
 * the form shows every row's problems at once, at the row's fields ({@link InlineChange#field}).
 */
final class InlineWrites {
  /**
   * One posted row, its input parsed.
   *
   * @param parent the row's field referring to the object
   */
  record Row(InlineChange change, Model model, Field parent, Map<String, Object> input) {
    /** The row's input with its reference to the object. */
    Map<String, Object> input(long objectId) {
      Map<String, Object> all = new LinkedHashMap<>(input);
      all.put(parent.name(), objectId);
      return all;
    }
  }

  private final Inventory inventory;
  private final Sql sql;
  private final Rules.Actor actor;
  private final Function<Model, Rules> rules;
  private final FormInput forms;

  InlineWrites(
      Inventory inventory,
      Sql sql,
      Rules.Actor actor,
      Function<Model, Rules> rules,
      FormInput forms) {
    this.inventory = inventory;
    this.sql = sql;
    this.actor = actor;
    this.rules = rules;
    this.forms = forms;
  }

  /**
   * Checks the object's input and every row's: existing rows must be the object's (a form cannot
   * reach another's), and every input valid. Field problems of all rows at once, keyed by their
   * form names; nothing is written.
   */
  void check(
      Model model,
      long objectId,
      Map<String, Object> input,
      List<Row> rows,
      Map<String, List<String>> parsing) {
    Map<String, List<String>> problems = new LinkedHashMap<>(parsing);
    collect(problems, null, () -> inventory.checkNew(sql, model, input));
    checkRows(objectId, rows, problems);
  }

  /**
   * Checks a new object's input with its rows before it exists, so that the add form shows every
   * problem at once, those of values that did not parse ({@code parsing}) among them: all but the
   * rows' reference to the object, which is checked once it exists.
   */
  void checkNew(
      Model model, Map<String, Object> input, List<Row> rows, Map<String, List<String>> parsing) {
    Map<String, List<String>> problems = new LinkedHashMap<>(parsing);
    collect(problems, null, () -> inventory.checkNew(sql, model, input));
    for (Row row : rows) {
      if (row.change().delete() || row.change().id() != 0) {
        // a new object has no rows yet: such a row is refused once it exists (404)
        continue;
      }
      Map<String, List<String>> rowProblems = new LinkedHashMap<>();
      collect(rowProblems, row.change(), () -> inventory.checkNew(sql, row.model(), row.input()));
      rowProblems.remove(row.change().field(row.parent().name()));
      // a value that did not parse keeps its own problem (see collect)
      rowProblems.forEach(problems::putIfAbsent);
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid(problems);
    }
  }

  /** Checks the rows alone (those of an object just created), as {@link #check} does. */
  void checkRows(long objectId, List<Row> rows) {
    checkRows(objectId, rows, new LinkedHashMap<>());
  }

  private void checkRows(long objectId, List<Row> rows, Map<String, List<String>> problems) {
    for (Row row : rows) {
      InlineChange change = row.change();
      if (change.id() != 0) {
        Map<String, Object> stored =
            sql.row(
                "SELECT "
                    + row.parent().column()
                    + " AS parent FROM "
                    + row.model().table()
                    + " WHERE id = ?",
                List.of(change.id()));
        if (stored == null || !Long.valueOf(objectId).equals(stored.get("parent"))) {
          throw ProblemException.notFound(
              "The " + change.model() + " #" + change.id() + " is not on this page's object.");
        }
      }
      if (!change.delete()) {
        collect(problems, change, () -> inventory.checkNew(sql, row.model(), row.input(objectId)));
      }
    }
    if (!problems.isEmpty()) {
      throw ProblemException.invalid(problems);
    }
  }

  /** Writes the rows: deletions first, then changes, then additions (a MAC freed, then reused). */
  void write(long objectId, List<Row> rows) {
    List<Row> ordered = new ArrayList<>();
    rows.stream().filter(r -> r.change().delete()).forEach(ordered::add);
    rows.stream().filter(r -> !r.change().delete() && r.change().id() != 0).forEach(ordered::add);
    rows.stream().filter(r -> r.change().id() == 0).forEach(ordered::add);
    for (Row row : ordered) {
      InlineChange change = row.change();
      Rules rule = rules.apply(row.model());
      try {
        if (change.delete()) {
          rule.delete(inventory, sql, row.model(), change.id(), actor);
        } else if (change.id() == 0) {
          rule.create(inventory, sql, row.model(), row.input(objectId), actor);
        } else {
          Map<String, Object> input = row.input(objectId);
          Map<String, Object> stored = inventory.get(sql, row.model(), change.id());
          forms.keepUntouched(row.model(), change.values(), input, stored);
          rule.update(inventory, sql, row.model(), change.id(), input, false, actor);
        }
      } catch (ProblemException e) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        collect(
            problems,
            change,
            () -> {
              throw e;
            });
        if (problems.isEmpty()) {
          throw new ProblemException(
              e.status(),
              e.title(),
              change.model()
                  + " "
                  + (change.id() == 0 ? "(new)" : "#" + change.id())
                  + ": "
                  + e.detail());
        }
        throw ProblemException.invalid(problems);
      }
    }
  }

  /**
   * Runs a check, adding its field problems under the row's form names (none: the object's). A
   * field that already has a problem keeps it alone: one whose value did not parse is missing from
   * the input, which the check would call required.
   */
  private static void collect(
      Map<String, List<String>> problems, InlineChange change, Runnable check) {
    Set<String> known = Set.copyOf(problems.keySet());
    try {
      check.run();
    } catch (ProblemException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      e.errors()
          .forEach(
              (field, messages) -> {
                String name = change == null ? field : change.field(field);
                if (!known.contains(name)) {
                  problems.computeIfAbsent(name, f -> new ArrayList<>()).addAll(messages);
                }
              });
    }
  }
}
