package cores.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminDesk.InlineChange;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.config.SiteZone;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the admin's templates show. */
public final class Views {
  /**
   * The cell class of a time: its date, time and zone may go on lines of their own, the zone whole.
   */
  public static final String WHEN = "cores-when";

  private Views() {}

  /** How a reference's form and filter name no reference: the domain's word, else "(none)". */
  public static String none(AdminField field) {
    return field.choiceLabels().getOrDefault("", "(none)");
  }

  /**
   * A model of the admin, and what the visitor may do with it.
   *
   * @param view whether they may see its objects: its list, an object's page (without it they may
   *     still add one, as Django's admin lets them, but are led nowhere its list or objects are)
   * @param actions the bulk actions they may run (on the list, and one object's on its page)
   */
  public record Allowed(
      AdminModel model,
      boolean view,
      boolean add,
      boolean change,
      boolean delete,
      Set<String> actions) {
    public Allowed {
      actions = Set.copyOf(actions);
    }

    /** Whether the visitor may run any of the model's bulk actions. */
    public boolean act() {
      return !actions.isEmpty();
    }

    public String url() {
      return "/admin/" + model.app() + "/" + model.name();
    }
  }

  /**
   * One change as a line of a history or list: when, who, the object, what changed.
   *
   * @param summary what it did in the admin's words ({@link ChangeLines#summary})
   */
  public record Line(Change change, String when, String object, String summary, String objectUrl) {
    public String who() {
      String name = change.username() == null ? "Cores" : change.username();
      return change.impersonator() == null ? name : name + " (by " + change.impersonator() + ")";
    }

    /** The change log of who wrote, or null for Cores itself. */
    public String whoUrl() {
      return change.userId() == null ? null : "/admin/changes?user=" + change.userId();
    }

    /** Whether the change added the object (Django's "Added."): it shows only values, no before. */
    public boolean added() {
      return "create".equals(change.action());
    }

    /** Whether the change deleted the object ("Deleted."): it shows only what it held, no after. */
    public boolean deleted() {
      return "delete".equals(change.action());
    }

    /** Whether the line shows one value a field, not a before and after: an add's or a delete's. */
    public boolean whole() {
      return added() || deleted();
    }

    /** A field's one value on a {@link #whole} line: what was added, or what was deleted. */
    public String value(Change.FieldChange field) {
      return added() ? field.after() : field.before();
    }

    /**
     * The fields the line shows: of an added or deleted object those holding a value (its empty
     * fields are not news), of any other change every field it recorded.
     */
    public List<Change.FieldChange> fields() {
      if (!whole()) {
        return change.fields();
      }
      return change.fields().stream()
          .filter(field -> value(field) != null && !value(field).isEmpty())
          .toList();
    }
  }

  /**
   * A message after a redirect, naming an object where it names one: {@code before}, the object
   * (linked to its page when {@code url} is not null), {@code after}.
   *
   * @param object the object's label, or null for a message that names none
   * @param level its kind, the class of its box: success, or warning for one not done as asked
   */
  public record Message(String before, String object, String url, String after, String level) {
    /** A message of something done (the level success). */
    public Message(String before, String object, String url, String after) {
      this(before, object, url, after, "success");
    }

    static Message of(String text) {
      return new Message(text, null, null, "");
    }

    /** A message of something not done as asked (Django's messages.warning). */
    static Message warning(String text) {
      return new Message(text, null, null, "", "warning");
    }
  }

  /** A link of the admin home to an operator page (system, outbox, jobs). */
  public record Link(String url, String label, String description) {}

  /**
   * The admin home, or an app's page.
   *
   * @param app the app whose page it is, or "" on the home
   * @param apps the models the visitor may see, by app (the one app's on its page)
   * @param operations the operator pages (system, outbox, jobs) the visitor may see
   */
  public record Home(
      String csrf,
      String app,
      List<Apps.App> apps,
      List<Link> operations,
      List<Line> recent,
      Message message) {}

  /**
   * A filter of the list: its field and its options as HTML, the chosen one selected.
   *
   * @param typed null when the select lists every object; else the select lists the first, and a
   *     box takes another ({@link TypedFilters}), holding this entry as typed
   */
  public record Filter(AdminField field, String options, String typed) {
    /** The parameter of the filter's box. */
    public String box() {
      return TypedFilters.PARAM + field.name();
    }

    /** How many objects the select lists when it lists only the first, as said: "200". */
    public String listed() {
      return String.format(Locale.ROOT, "%,d", AdminDesk.FILTER_OPTIONS);
    }
  }

  /**
   * What a list's bulk form had chosen when it was refused, shown again as it was: the ticked rows,
   * which rows ({@link Selection#SELECT}) and the action. {@link #NONE} on a list as asked for.
   *
   * @param ids the ticked rows' ids as posted
   */
  public record Chosen(Set<String> ids, String select, String action) {
    public static final Chosen NONE = new Chosen(Set.of(), "", "");

    public Chosen {
      ids = Set.copyOf(ids);
    }

    public boolean ticked(String id) {
      return ids.contains(id);
    }
  }

  /**
   * A list page.
   *
   * @param chosen what its bulk form had chosen when the action was refused
   */
  public record ListPage(
      Allowed allowed,
      String csrf,
      AdminDesk.Rows rows,
      String search,
      List<Filter> filters,
      String sort,
      int page,
      int pages,
      Map<String, String> query,
      Message message,
      List<String> problems,
      String table,
      Chosen chosen) {

    /** A list as asked for, with a plain message or none. */
    public ListPage(
        Allowed allowed,
        String csrf,
        AdminDesk.Rows rows,
        String search,
        List<Filter> filters,
        String sort,
        int page,
        int pages,
        Map<String, String> query,
        String message,
        List<String> problems,
        String table) {
      this(
          allowed,
          csrf,
          rows,
          search,
          filters,
          sort,
          page,
          pages,
          query,
          message == null ? null : Message.of(message),
          problems,
          table,
          Chosen.NONE);
    }

    /** The page with its table's HTML ({@link ListTable}). */
    public ListPage withTable(String html) {
      return new ListPage(
          allowed, csrf, rows, search, filters, sort, page, pages, query, message, problems, html,
          chosen);
    }

    /** This list's URL with some parameters changed (null or blank removes one). */
    public String url(String... changes) {
      Map<String, String> q = new LinkedHashMap<>(query);
      for (int i = 0; i + 1 < changes.length; i += 2) {
        if (changes[i + 1] == null || changes[i + 1].isEmpty()) {
          q.remove(changes[i]);
        } else {
          q.put(changes[i], changes[i + 1]);
        }
      }
      StringBuilder url = new StringBuilder(allowed.url());
      char sep = '?';
      for (Map.Entry<String, String> e : q.entrySet()) {
        url.append(sep)
            .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
            .append('=')
            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        sep = '&';
      }
      return url.toString();
    }

    /** What a link to an object's form carries of this list, to come back to it after a save. */
    public String carried() {
      return KeptFilters.carry(KeptFilters.of(query));
    }

    /**
     * A cell as shown: a choice by its label ("on loan"), as its filter and form name it and the
     * user pages do ({@link AdminField#choiceLabel}); any other value as it is.
     */
    public String shown(String column, String value) {
      if (value == null || value.isEmpty()) {
        return value;
      }
      return allowed
          .model()
          .field(column)
          .filter(f -> "choice".equals(f.kind()))
          .map(f -> f.choiceLabel(value))
          .orElse(value);
    }

    /** Whether the list is narrowed by a search or a filter (else an empty list has none yet). */
    public boolean narrowed() {
      return query.entrySet().stream()
          .anyMatch(
              e ->
                  !e.getValue().isBlank()
                      && !e.getKey().equals("sort")
                      && !e.getKey().equals("page"));
    }

    /** How many of the list's filters are applied (the folded filters' summary says so). */
    public long applied() {
      return filters.stream()
          .filter(filter -> !query.getOrDefault(filter.field().name(), "").isBlank())
          .count();
    }

    /** The link of a column's heading: ascending, or descending when it is sorted ascending. */
    public String sortUrl(String column) {
      return url("sort", column.equals(sort) ? "-" + column : column, "page", null);
    }

    /** aria-sort of a column's heading. */
    public String ariaSort(String column) {
      if (column.equals(sort)) {
        return "ascending";
      }
      return ("-" + column).equals(sort) ? "descending" : null;
    }

    public String label(String column) {
      return allowed.model().field(column).map(AdminField::label).orElse(column);
    }

    /**
     * Each column's cell class: none where values may wrap, long text only; others kept whole on a
     * phone (it broke hostnames and times at their hyphens; the table scrolls instead), wider
     * screens letting them wrap so that the list fits (the stylesheet); a time's date, time and
     * zone may go on lines of their own ({@link #WHEN}), so that a list of three times fits a
     * laptop's width. Worked out once for every row's cells.
     */
    public Map<String, String> cellClasses() {
      Map<String, String> classes = new HashMap<>();
      for (String column : allowed.model().columns()) {
        String kind = allowed.model().field(column).map(AdminField::kind).orElse("longtext");
        classes.put(
            column,
            switch (kind) {
              case "longtext" -> null;
              case "time" -> WHEN;
              default -> "cores-nowrap";
            });
      }
      return classes;
    }
  }

  /**
   * An add or change form.
   *
   * @param id the object's id, or 0 for a new one
   * @param options each reference field's choices: id to label
   * @param permissions what a permissions field offers, the four permissions of every model: name
   *     to label, in the order shown
   * @param links pages elsewhere that act on the object: label to path (a conflict's "Fix
   *     location")
   * @param object what the object is called (its breadcrumb), or "" for a new one
   */
  public record FormPage(
      Allowed allowed,
      String csrf,
      long id,
      String title,
      Form form,
      Map<String, Map<Long, String>> options,
      Map<String, String> permissions,
      List<Inline> inlines,
      List<AdminModel.AdminForm> forms,
      Map<String, String> links,
      SiteZone zone,
      Message message,
      String filters,
      String object) {

    public String action() {
      return (id == 0 ? allowed.url() + "/add" : allowed.url() + "/" + id)
          + KeptFilters.carry(filters);
    }

    /** The list as it was left ({@link KeptFilters}). */
    public String listUrl() {
      return filters.isEmpty() ? allowed.url() : allowed.url() + "?" + filters;
    }

    /** The query that carries the list as it was left to this object's other pages. */
    public String carried() {
      return KeptFilters.carry(filters);
    }

    /** Whether a multi field holds the value (its values are one a line). */
    public boolean holds(String field, String value) {
      return List.of(form.value(field).split("\n")).contains(value);
    }

    /** The choices of a multi field: value to label, of the referenced model or its own. */
    public Map<String, String> choices(AdminField field) {
      Map<String, String> choices = new LinkedHashMap<>();
      if ("permissions".equals(field.kind())) {
        // every model's, and any other the object holds: saving keeps what is not offered
        choices.putAll(permissions);
        for (String held : form.value(field.name()).split("\n")) {
          if (!held.isEmpty()) {
            choices.putIfAbsent(held, held);
          }
        }
      } else if (field.target() != null) {
        options
            .getOrDefault(field.name(), Map.of())
            .forEach((k, v) -> choices.put(String.valueOf(k), v));
      } else {
        field.choices().forEach(c -> choices.put(c, c));
      }
      return choices;
    }

    /** Where a per-object button posts to. */
    public String buttonPath(String path) {
      return path.replace("{id}", String.valueOf(id));
    }

    /** A value as a read-only field shows it: a reference by its object's label. */
    public String shown(String field, String value) {
      Map<Long, String> known = options.getOrDefault(field, Map.of());
      return known.entrySet().stream()
          .filter(o -> String.valueOf(o.getKey()).equals(value))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(value);
    }
  }

  /**
   * Objects of another model edited on an object's form (a host's NICs): each row's fields named by
   * {@link InlineChange#field}, their values in the page's form, and blank rows to add some, as
   * Django's admin's extra forms.
   *
   * @param fields the fields a row shows (all but the reference to the object)
   * @param ids the rows' ids
   * @param options each reference field's choices: id to label
   * @param newRows how many blank rows it shows where rows may be added
   */
  public record Inline(
      Allowed allowed,
      List<AdminField> fields,
      List<Long> ids,
      Map<String, Map<Long, String>> options,
      int newRows) {

    /** With Django's three blank rows. */
    public Inline(
        Allowed allowed,
        List<AdminField> fields,
        List<Long> ids,
        Map<String, Map<Long, String>> options) {
      this(allowed, fields, ids, options, PostedForm.EXTRA);
    }

    /** A row shown: an existing one by its id, or a blank one (id 0) by its slot among them. */
    public record Row(long id, int slot) {
      public boolean added() {
        return id == 0;
      }
    }

    public String name(Row row, AdminField field) {
      return row.added()
          ? InlineChange.newField(allowed.model().name(), row.slot(), field.name())
          : InlineChange.field(allowed.model().name(), row.id(), field.name());
    }

    /** The rows shown: the object's, and the blank ones to add some when it may be changed. */
    public List<Row> rows(boolean objectChangeable) {
      List<Row> rows = new ArrayList<>();
      ids.forEach(id -> rows.add(new Row(id, 0)));
      if (objectChangeable && allowed.add()) {
        for (int slot = 0; slot < newRows; slot++) {
          rows.add(new Row(0, slot));
        }
      }
      return rows;
    }

    /** A field's input id: its name, which is unique on the page. */
    public String inputId(Row row, AdminField field) {
      return "f-" + name(row, field);
    }

    /** What a row's control is called: "MAC of NIC 7", "MAC of new NIC 2". */
    public String label(Row row, AdminField field) {
      String singular = allowed.model().singular();
      return field.label()
          + (row.added()
              ? " of new " + singular + " " + (row.slot() + 1)
              : " of " + singular + " " + row.id());
    }

    /** The form name of a row's delete box. */
    public String deleteName(long id) {
      return InlineChange.field(allowed.model().name(), id, InlineChange.DELETE);
    }

    /** The hidden field that lists the rows shown, so that the post says which rows it changes. */
    public String rowsName() {
      return allowed.model().name() + "-rows";
    }

    /** The hidden field that says how many blank rows the form shows. */
    public String newRowsName() {
      return PostedForm.newRowsName(allowed.model().name());
    }

    /** The name of the button that shows the form again with one blank row more. */
    public String addRowName() {
      return PostedForm.ADD_ROW + allowed.model().name();
    }
  }

  /** What a new object's secret page shows: the secret, once. */
  public record SecretPage(Views.Allowed allowed, long id, String label, String secret) {}
}
