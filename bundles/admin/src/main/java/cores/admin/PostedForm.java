package cores.admin;

import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.admin.NamingProblem;
import cores.api.web.Checkbox;
import cores.api.web.ProblemException;
import cores.api.web.SentTwice;
import cores.api.web.StorableText;
import cores.api.web.Visitor;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The admin's forms as posted and as first shown: field values, ids, page numbers. */
final class PostedForm {
  private PostedForm() {}

  /** The posted value of each field; an unticked box is absent, a multi's values one a line. */
  static Map<String, String> values(
      List<AdminField> fields, MultivaluedMap<String, String> posted) {
    Map<String, String> values = new LinkedHashMap<>();
    for (AdminField field : fields) {
      if (field.writable()) {
        List<String> given = posted == null ? null : posted.get(field.name());
        values.put(
            field.name(),
            manyValues(field)
                ? String.join("\n", given == null ? List.of() : given)
                : first(posted, field.name()));
      }
    }
    return values;
  }

  /**
   * What a new object's form holds: each field's initial value (the domain's default, so that an
   * unticked box does not override a default of yes), then what a link fills in (a host's "Add NIC"
   * its host).
   */
  static Map<String, String> initial(AdminModel model, MultivaluedMap<String, String> query) {
    Map<String, String> initial = new LinkedHashMap<>();
    for (AdminField field : model.fields()) {
      if (!field.writable()) {
        continue;
      }
      String given = query.getFirst(field.name());
      if (given != null) {
        initial.put(field.name(), given);
      } else if (field.initial() != null) {
        initial.put(field.name(), field.initial());
      }
    }
    return initial;
  }

  /**
   * Refuses a form holding text that PostgreSQL would not store as sent ({@link StorableText}, e.g.
   * a NUL), a field sent twice that {@code many} does not declare multi-valued ({@link SentTwice}:
   * which value was meant is not guessed) or a checkbox of {@code boxes} sent with another value
   * than a tick's ({@link Checkbox}: read as unticked it would change the choice silently): 400 at
   * the fields that hold it, so the form is shown again as typed, nothing written.
   */
  static void requireSound(
      MultivaluedMap<String, String> posted, Predicate<String> many, Predicate<String> boxes) {
    Map<String, List<String>> problems = new LinkedHashMap<>(SentTwice.problems(posted, many));
    StorableText.problems(posted).forEach(problems::putIfAbsent);
    posted.forEach(
        (name, values) -> {
          if (boxes.test(name) && !values.stream().allMatch(Checkbox::sound)) {
            problems.putIfAbsent(StorableText.shown(name), List.of(Checkbox.NOT_A_TICK));
          }
        });
    if (!problems.isEmpty()) {
      throw ProblemException.invalid(problems);
    }
  }

  /**
   * The checkboxes of an add or change form: its yes/no fields, those of its inlines' rows ({@code
   * nic-12-is_primary}, {@code nic-new2-is_primary}) and their delete boxes ({@code
   * nic-12-DELETE}).
   */
  static Predicate<String> boxes(AdminModel model, List<AdminModel> inlines) {
    Predicate<String> boxes = boxes(model.fields());
    for (AdminModel inline : inlines) {
      Set<String> names = new HashSet<>(Set.of(InlineChange.DELETE));
      inline.fields().stream().filter(PostedForm::box).forEach(f -> names.add(f.name()));
      String row = inline.name() + "-";
      boxes =
          boxes.or(
              name ->
                  name.startsWith(row)
                      && name.indexOf('-', row.length()) > 0
                      && names.contains(name.substring(name.indexOf('-', row.length()) + 1)));
    }
    return boxes;
  }

  /** The checkboxes of a form of these fields: its yes/no fields. */
  static Predicate<String> boxes(List<AdminField> fields) {
    Set<String> names = new HashSet<>();
    fields.stream().filter(PostedForm::box).forEach(f -> names.add(f.name()));
    return names::contains;
  }

  private static boolean box(AdminField field) {
    return "bool".equals(field.kind()) && field.writable();
  }

  /**
   * The fields an add or change form may send more than once: its multi-selects' and permission
   * pickers' ticked boxes, and each inline's list of the rows it showed ({@code nic-rows}).
   */
  static Predicate<String> many(AdminModel model, List<AdminModel> inlines) {
    Set<String> many = new HashSet<>(many(model.fields()));
    inlines.forEach(inline -> many.add(inline.name() + ROWS));
    return many::contains;
  }

  /** The fields of a form that post one value a ticked box. */
  static Set<String> many(List<AdminField> fields) {
    Set<String> many = new HashSet<>();
    fields.stream().filter(PostedForm::manyValues).forEach(f -> many.add(f.name()));
    return many;
  }

  /** The field listing an inline's rows the form showed, after the inline's name. */
  private static final String ROWS = "-rows";

  /** A multi and a permissions field post one value a ticked box; the desks read one a line. */
  private static boolean manyValues(AdminField field) {
    return "multi".equals(field.kind()) || "permissions".equals(field.kind());
  }

  static Map<String, String> values(AdminModel model, MultivaluedMap<String, String> posted) {
    return values(model.fields(), posted);
  }

  static List<String> names(AdminModel model) {
    return model.fields().stream().map(AdminField::name).toList();
  }

  static String first(MultivaluedMap<String, String> posted, String name) {
    String value = posted == null ? null : posted.getFirst(name);
    return value == null ? "" : value;
  }

  static List<Long> ids(MultivaluedMap<String, String> posted) {
    List<Long> ids = new ArrayList<>();
    List<String> given = posted == null ? null : posted.get("ids");
    if (given != null) {
      for (String id : given) {
        ids.add(id(id));
      }
    }
    return ids.stream().distinct().toList();
  }

  static long id(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("Not an id: " + text);
    }
  }

  /**
   * The furthest page a list reads: its offset, (page - 1) times at most 1,000 rows, stays an int
   * (a larger page number would turn it negative); beyond the last row a page is empty anyway.
   */
  static final int MAX_PAGE = 1_000_000;

  /** The page a query asks for: 1 when absent or not a number, at most {@link #MAX_PAGE}. */
  static int pageNumber(String text) {
    try {
      return text == null ? 1 : Math.min(MAX_PAGE, Math.max(1, Integer.parseInt(text)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * An add or change form as posted, inline rows included, with the refusal at its fields; {@code
   * opened} is the change form's digest of what it showed (null for an add form), and {@code pages}
   * the page of an object a problem names (null: not linked).
   */
  static Form refused(
      AdminModel model,
      Map<String, String> values,
      List<InlineChange> inlines,
      String opened,
      ProblemException refusal,
      Function<NamingProblem.Named, String> pages) {
    List<String> names = new ArrayList<>(names(model));
    for (InlineChange inline : inlines) {
      inline.values().keySet().forEach(field -> names.add(inline.field(field)));
    }
    return posted(values, inlines, opened).refused(refusal, names, pages);
  }

  /**
   * What a change form shows again of the values posted: those and, of the fields Cores sets (the
   * form posts none), the object's stored values. A refused save of a host showed its IP address,
   * last seen and lab blank, as if the save had cleared them.
   */
  static Map<String, String> shownAgain(
      AdminModel model, Map<String, String> values, Map<String, String> stored) {
    Map<String, String> shown = new LinkedHashMap<>(values);
    for (AdminField field : model.fields()) {
      if (!field.writable()) {
        shown.putIfAbsent(field.name(), stored.getOrDefault(field.name(), ""));
      }
    }
    return shown;
  }

  /** An add or change form as posted, inline rows included; {@code opened} as {@link #refused}. */
  static Form posted(Map<String, String> values, List<InlineChange> inlines, String opened) {
    Map<String, String> shown = new LinkedHashMap<>(values);
    for (InlineChange inline : inlines) {
      inline.values().forEach((field, value) -> shown.put(inline.field(field), value));
      if (inline.delete()) {
        shown.put(inline.field(InlineChange.DELETE), "on");
      }
    }
    if (opened != null) {
      shown.put(EditedSince.FIELD, opened);
    }
    return new Form(shown);
  }

  /**
   * The inline rows posted with a change form: the rows it listed ({@code nic-rows}), changed as
   * the visitor may or ticked for deletion, and a new row when any of its fields is filled in. A
   * deletion, a new row or any row of a model the visitor may not delete, add or view is refused
   * (403): the form offers none, so the request was forged.
   */
  static List<InlineChange> inlineChanges(
      Visitor visitor,
      AdminModel model,
      List<AdminModel> inlines,
      MultivaluedMap<String, String> posted) {
    List<InlineChange> changes = new ArrayList<>();
    for (AdminModel inline : inlines) {
      if (!visitor.may(inline.permission("view"))) {
        // the form shows no such rows: a forged request is refused, not quietly half-done
        if (posted.keySet().stream().anyMatch(key -> key.startsWith(inline.name() + "-"))) {
          AdminAccess.require(visitor, inline, "view");
        }
        continue;
      }
      Views.Allowed allowed = AdminAccess.allowed(visitor, inline);
      List<Long> rows = new ArrayList<>();
      for (String id : posted.getOrDefault(inline.name() + ROWS, List.of())) {
        rows.add(id(id));
      }
      for (long row : rows.stream().distinct().toList()) {
        boolean delete =
            Checkbox.ticked(
                first(posted, InlineChange.field(inline.name(), row, InlineChange.DELETE)));
        if (delete && !allowed.delete()) {
          AdminAccess.require(visitor, inline, "delete");
        }
        if (delete || allowed.change()) {
          changes.add(
              new InlineChange(
                  inline.name(), row, inlineValues(inline, model, row, posted), delete));
        }
      }
      // as Django's extra forms: a blank row left empty is no row, one partly filled is checked
      for (int slot = 0; slot < newRows(posted, inline); slot++) {
        Map<String, String> values = newValues(inline, model, slot, posted);
        boolean filled =
            inline.fields().stream()
                .anyMatch(
                    f -> !"bool".equals(f.kind()) && !values.getOrDefault(f.name(), "").isBlank());
        if (filled) {
          AdminAccess.require(visitor, inline, "add");
          changes.add(new InlineChange(inline.name(), 0, values, false, slot));
        }
      }
    }
    return changes;
  }

  /** The blank rows an inline shows at first, as Django's admin's {@code extra = 3}. */
  static final int EXTRA = 3;

  /** The most blank rows a form holds: more posted are not read (a forged count). */
  static final int MAX_NEW_ROWS = 500;

  /**
   * The field telling how many blank rows an inline's form showed, after the inline's name ({@code
   * nic-NEW_ROWS}): Django's {@code TOTAL_FORMS}, counting the new rows only.
   */
  static String newRowsName(String inline) {
    return inline + "-NEW_ROWS";
  }

  /**
   * How many blank rows the posted form showed of an inline: its count, at least one (a form of
   * before the count names its one new row's fields all the same), at most {@link #MAX_NEW_ROWS}.
   */
  static int newRows(MultivaluedMap<String, String> posted, AdminModel inline) {
    String count = first(posted, newRowsName(inline.name())).strip();
    if (!count.matches("[0-9]{1,9}")) {
      return 1;
    }
    return Math.min(MAX_NEW_ROWS, Math.max(1, Integer.parseInt(count)));
  }

  /**
   * The inline whose "Add another" button was pressed ({@code _addinline-nic}), if any: the form is
   * shown again as typed with one blank row more, nothing written.
   */
  static String addingRowTo(MultivaluedMap<String, String> posted, List<AdminModel> inlines) {
    for (AdminModel inline : inlines) {
      if (posted.containsKey(ADD_ROW + inline.name())) {
        return inline.name();
      }
    }
    return null;
  }

  /** The name of an inline's "Add another" button, before the inline's name. */
  static final String ADD_ROW = "_addinline-";

  /**
   * The form as posted, to be shown again with one more blank row of the inline {@code adding}:
   * every inline's rows as typed, blank ones too, and each inline's count of blank rows.
   */
  static Form withAnotherRow(
      Map<String, String> values,
      AdminModel model,
      List<AdminModel> inlines,
      MultivaluedMap<String, String> posted,
      String adding,
      String opened) {
    Map<String, String> shown = counted(values, inlines, posted);
    for (AdminModel inline : inlines) {
      for (String id : posted.getOrDefault(inline.name() + ROWS, List.of())) {
        long row = id(id);
        inlineValues(inline, model, row, posted)
            .forEach(
                (field, value) -> shown.put(InlineChange.field(inline.name(), row, field), value));
        String delete = InlineChange.field(inline.name(), row, InlineChange.DELETE);
        if (Checkbox.ticked(first(posted, delete))) {
          shown.put(delete, "on");
        }
      }
      int rows = newRows(posted, inline);
      for (int slot = 0; slot < rows; slot++) {
        int at = slot;
        newValues(inline, model, slot, posted)
            .forEach(
                (field, value) ->
                    shown.put(InlineChange.newField(inline.name(), at, field), value));
      }
      if (inline.name().equals(adding)) {
        shown.put(newRowsName(adding), String.valueOf(Math.min(MAX_NEW_ROWS, rows + 1)));
      }
    }
    if (opened != null) {
      shown.put(EditedSince.FIELD, opened);
    }
    return new Form(shown);
  }

  /**
   * What a form shows again, with each inline's count of blank rows as posted: a refused save shows
   * as many as it had.
   */
  static Map<String, String> counted(
      Map<String, String> shown, List<AdminModel> inlines, MultivaluedMap<String, String> posted) {
    Map<String, String> counted = new LinkedHashMap<>(shown);
    for (AdminModel inline : inlines) {
      counted.put(newRowsName(inline.name()), String.valueOf(newRows(posted, inline)));
    }
    return counted;
  }

  /**
   * How many blank rows a form shows of an inline: as many as it was posted with, else {@link
   * #EXTRA}.
   */
  static int shownNewRows(Form form, String inline) {
    String count = form.value(newRowsName(inline));
    return count.matches("[0-9]{1,9}")
        ? Math.min(MAX_NEW_ROWS, Math.max(1, Integer.parseInt(count)))
        : EXTRA;
  }

  /** A posted inline row's writable fields (not its reference to the object). */
  private static Map<String, String> inlineValues(
      AdminModel inline, AdminModel model, long row, MultivaluedMap<String, String> posted) {
    return rowValues(inline, model, posted, field -> InlineChange.field(inline.name(), row, field));
  }

  /** A posted new row's writable fields, by its slot among the blank rows. */
  private static Map<String, String> newValues(
      AdminModel inline, AdminModel model, int slot, MultivaluedMap<String, String> posted) {
    return rowValues(
        inline, model, posted, field -> InlineChange.newField(inline.name(), slot, field));
  }

  private static Map<String, String> rowValues(
      AdminModel inline,
      AdminModel model,
      MultivaluedMap<String, String> posted,
      Function<String, String> named) {
    Map<String, String> values = new LinkedHashMap<>();
    for (AdminField field : inline.fields()) {
      if (field.writable() && !model.name().equals(field.target())) {
        values.put(field.name(), first(posted, named.apply(field.name())));
      }
    }
    return values;
  }
}
