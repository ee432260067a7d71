package cores.domain.admin;

import static cores.domain.admin.StaffRights.require;
import static cores.domain.admin.StaffRights.requireStaff;
import static cores.domain.admin.StaffRights.staff;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.persistence.Transactions;
import cores.api.web.ProblemException;
import cores.domain.booking.Bookables;
import cores.domain.booking.BookingMail;
import cores.domain.booking.BookingService;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.inventory.Rules;
import cores.domain.loans.Loans;
import cores.domain.notices.Notices;
import cores.domain.sql.Checked;
import cores.domain.sql.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The domain's models for the admin pages (the inventory's, bookables, bookings, reservations,
 * notices, customers, loans and the live ingest's), over the same descriptors ({@link Models}),
 * generic CRUD ({@link Inventory}) and models' own rules ({@link Rules}: the booking service for
 * bookings and reservations) as the REST API: the admin is one set of pages for every model, and
 * its writes are checked and applied exactly as the API's.
 */
@Component(service = AdminDesk.class)
public final class AdminDeskService implements AdminDesk {
  private static final int MAX_OPTIONS = 1000;

  private final Transactions tx;
  private final Clock clock;
  private final Inventory inventory;
  private final Bookables bookables;
  private final List<Served> served;

  /** The writes of models that have their own rules, by model name; the others are generic. */
  private final Map<String, Rules> rules;

  private final HoldWrites reservations;
  private final FilterOptions filterOptions;
  private final KeptLists lists;
  private final LiveWrites live = new LiveWrites();
  private final BulkSteps steps;
  private final FormInput forms;

  /** A descriptor and how the admin shows it. */
  record Served(Model model, AdminModel admin) {}

  @Activate
  public AdminDeskService(
      @Reference(target = "(osgi.unit.name=cores.domain)") Transactions tx,
      @Reference BookingMail mail) {
    this.tx = tx;
    this.clock = Clock.systemUTC();
    this.bookables = new Bookables(mail, clock);
    this.inventory = new Inventory(bookables, mail.zone());
    List<Served> all = new ArrayList<>(Catalog.SERVED);
    all.addAll(LiveCatalog.SERVED);
    this.served = List.copyOf(all);
    BookingService service = new BookingService(mail);
    this.reservations = new HoldWrites(service, mail.zone(), true);
    this.forms = new FormInput(mail.zone());
    this.filterOptions = new FilterOptions(FILTER_OPTIONS + 1, mail.zone());
    this.lists = new KeptLists(mail.zone());
    this.rules =
        Map.of(
            Catalog.HOST.name(), new WritesThrough(Models.HOST),
            Catalog.BOOKABLE.name(), new WritesThrough(Bookables.MODEL),
            Catalog.BOOKING.name(), new HoldWrites(service, mail.zone(), false),
            Catalog.RESERVATION.name(), reservations,
            Notices.MODEL.name(), new Notices(),
            Loans.LOAN.name(), new Loans(mail.zone()),
            LiveCatalog.IGNOREDMAC.name(), live);
    this.steps = new BulkSteps(inventory, this::rules, reservations, live);
  }

  private Rules rules(Model model) {
    return rules.getOrDefault(model.name(), Rules.NONE);
  }

  private Rules.Actor actor(User user) {
    return new Rules.Actor(user, clock.instant());
  }

  @Override
  public List<AdminModel> models() {
    return served.stream().map(Served::admin).toList();
  }

  private Model model(AdminModel admin) {
    return served.stream()
        .filter(s -> s.admin().equals(admin))
        .map(Served::model)
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("No model " + admin.name() + " here."));
  }

  @Override
  public Rows list(
      User user,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int page) {
    require(user, admin, "view");
    Model model = model(admin);
    return tx.readOnly(
        em -> lists.rows(Sql.of(em), model, admin, search, filters, sort, page, clock.instant()));
  }

  /** In one statement, with the list's permission and filters. */
  @Override
  public List<Long> ids(
      User user,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int limit) {
    require(user, admin, "view");
    Model model = model(admin);
    return tx.readOnly(em -> ListSql.ids(Sql.of(em), model, admin, search, filters, sort, limit));
  }

  /**
   * The page and the options: when both are kept, one autocommit statement checks them together
   * (one round trip, no transaction); else they are read in one transaction, the calls inside
   * joining it.
   */
  @Override
  public ListPage listPage(
      User user,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      List<AdminField> fields) {
    ListPage kept = keptPage(user, admin, search, filters, sort, page, fields);
    if (kept != null) {
      return kept;
    }
    return tx.readOnly(
        em ->
            new ListPage(
                list(user, admin, search, filters, sort, page),
                fields.isEmpty() ? Map.of() : filterOptions(user, admin, fields)));
  }

  /**
   * The kept page and options of {@link #listPage} when one statement shows them all still right,
   * else null: what is not kept, or cannot be checked so, is read in the transaction.
   */
  private ListPage keptPage(
      User user,
      AdminModel admin,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      List<AdminField> fields) {
    require(user, admin, "view");
    Model model = model(admin);
    Instant now = clock.instant();
    Checked<Rows> rows = lists.kept(model, admin, search, filters, sort, page, now);
    if (rows == null) {
      return null;
    }
    List<Labels.Used> used = new ArrayList<>();
    for (AdminField field : fields) {
      Optional<Field> column = model.field(field.name()).filter(f -> f.kind() == Kind.REF);
      if (field.target() == null || column.isEmpty()) {
        return null;
      }
      used.add(
          new Labels.Used(Catalog.table(field.target()), model.table(), column.get().column()));
    }
    Checked<List<Map<Long, String>>> options =
        used.isEmpty() ? null : filterOptions.kept(used, now);
    if (!used.isEmpty() && options == null) {
      return null;
    }
    List<Checked<?>> checks = options == null ? List.of(rows) : List.of(rows, options);
    if (!tx.autocommit(c -> Checked.all(Sql.on(c), checks))) {
      return null;
    }
    Map<String, Map<Long, String>> shown = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      shown.put(fields.get(i).name(), options.value().get(i));
    }
    return new ListPage(rows.value(), shown);
  }

  @Override
  public Map<String, String> get(User user, AdminModel admin, long id) {
    require(user, admin, "view");
    Model model = model(admin);
    return forms.shown(model, tx.readOnly(em -> inventory.get(Sql.of(em), model, id)));
  }

  /** A row's values as a form shows them. */
  private static Map<String, String> text(Map<String, Object> row) {
    Map<String, String> values = new LinkedHashMap<>();
    row.forEach((name, value) -> values.put(name, value == null ? "" : String.valueOf(value)));
    return values;
  }

  @Override
  public String label(AdminModel admin, long id) {
    return labels(admin, List.of(id)).get(id);
  }

  @Override
  public Map<Long, String> labels(AdminModel admin, Collection<Long> ids) {
    String table = model(admin).table();
    return tx.readOnly(em -> Labels.ofEach(Sql.of(em), table, ids, forms.zone()));
  }

  @Override
  public Map<Long, String> existing(AdminModel admin, Collection<Long> ids) {
    String table = model(admin).table();
    return tx.readOnly(em -> Labels.existing(Sql.of(em), table, ids, forms.zone()));
  }

  @Override
  public List<ChangeLog.Part> parts(AdminModel admin) {
    return Catalog.PARTS.getOrDefault(admin.name(), List.of());
  }

  @Override
  public List<Change> readable(User user, AdminModel admin, List<Change> changes) {
    require(user, admin, "view");
    Model model = model(admin);
    return tx.readOnly(em -> ReadableChanges.of(Sql.of(em), model, changes, forms.zone()));
  }

  @Override
  public Map<Long, String> options(User user, AdminField field) {
    return options(user, field, "", MAX_OPTIONS);
  }

  @Override
  public Map<Long, String> options(User user, AdminField field, String term, int limit) {
    requireStaff(user);
    String table = Catalog.table(field.target());
    return tx.readOnly(em -> Labels.matching(Sql.of(em), table, term, limit, forms.zone()));
  }

  @Override
  public Map<Long, String> filterOptions(User user, AdminModel admin, AdminField field) {
    return filterOptions(user, admin, List.of(field)).get(field.name());
  }

  /**
   * Every reference filter's objects that the model's rows refer to, in one statement; a filter
   * that is not a column of the model offers what a form may refer to. Each the first {@link
   * #FILTER_OPTIONS} by label and one more, which tells the admin that there are more.
   */
  @Override
  public Map<String, Map<Long, String>> filterOptions(
      User user, AdminModel admin, List<AdminField> fields) {
    requireStaff(user);
    Model model = model(admin);
    List<String> names = new ArrayList<>();
    List<Labels.Used> used = new ArrayList<>();
    Map<String, Map<Long, String>> options = new LinkedHashMap<>();
    for (AdminField field : fields) {
      Optional<Field> column = model.field(field.name()).filter(f -> f.kind() == Kind.REF);
      if (field.target() == null || column.isEmpty()) {
        options.put(field.name(), options(user, field, "", FILTER_OPTIONS + 1));
      } else {
        names.add(field.name());
        used.add(
            new Labels.Used(Catalog.table(field.target()), model.table(), column.get().column()));
      }
    }
    if (!used.isEmpty()) {
      List<Map<Long, String>> found =
          tx.readOnly(em -> filterOptions.options(Sql.of(em), used, clock.instant()));
      for (int i = 0; i < names.size(); i++) {
        options.put(names.get(i), found.get(i));
      }
    }
    // in the order asked
    Map<String, Map<Long, String>> ordered = new LinkedHashMap<>();
    fields.forEach(f -> ordered.put(f.name(), options.get(f.name())));
    return ordered;
  }

  @Override
  public long create(User user, AdminModel admin, Map<String, String> values) {
    return create(user, admin, values, List.of());
  }

  @Override
  public void update(User user, AdminModel admin, long id, Map<String, String> values) {
    update(user, admin, id, values, List.of());
  }

  @Override
  public List<Hold> affected(User user, AdminModel admin, String action, List<Long> ids) {
    require(user, admin, "view");
    Model model = model(admin);
    Instant now = clock.instant();
    return tx.readOnly(em -> Affected.ofAction(Sql.of(em), model, action, ids, now));
  }

  /** As a bulk action's: the status a change form posts is the action's. */
  @Override
  public List<Hold> affected(User user, AdminModel admin, long id, Map<String, String> values) {
    require(user, admin, "view");
    Model model = model(admin);
    String status = values.getOrDefault("status", "");
    Instant now = clock.instant();
    return tx.readOnly(em -> Affected.ofEdit(Sql.of(em), model, id, status, now));
  }

  @Override
  public List<Map<String, String>> inlineRows(
      User user, AdminModel inline, AdminModel admin, long id) {
    require(user, inline, "view");
    Model model = model(inline);
    Field parent = parent(model, admin);
    return tx.readOnly(
        em ->
            Sql.of(em)
                .rows(
                    Inventory.select(model)
                        + " WHERE "
                        + parent.column()
                        + " = ? ORDER BY "
                        + model.order()
                        + ", id LIMIT ?",
                    List.of(id, PAGE_SIZE))
                .stream()
                .map(AdminDeskService::text)
                .toList());
  }

  /** The field of an inline model that refers to the object of the other model. */
  private Field parent(Model inline, AdminModel admin) {
    if (!admin.inlines().contains(inline.name())) {
      throw ProblemException.badRequest(
          "No " + inline.name() + " inline on the " + admin.name() + " page.");
    }
    String table = model(admin).table();
    return inline.fields().stream()
        .filter(f -> f.kind() == Kind.REF && table.equals(f.target()))
        .findFirst()
        .orElseThrow();
  }

  @Override
  public long create(
      User user, AdminModel admin, Map<String, String> values, List<InlineChange> changes) {
    require(user, admin, "add");
    Model model = model(admin);
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Map<String, Object> input = forms.of(model, values, problems, field -> field);
    List<InlineWrites.Row> rows = rows(user, admin, changes, problems);
    Rules.Actor actor = actor(user);
    return tx.required(
        em -> {
          Sql sql = Sql.of(em);
          InlineWrites writes = new InlineWrites(inventory, sql, actor, this::rules, forms);
          if (!rows.isEmpty() || !problems.isEmpty()) {
            writes.checkNew(model, input, rows, problems);
          }
          // the rows refer to the object: checked once it exists, rolled back with it
          long id = (Long) rules(model).create(inventory, sql, model, input, actor).get("id");
          writes.checkRows(id, rows);
          writes.write(id, rows);
          return id;
        });
  }

  @Override
  public void update(
      User user,
      AdminModel admin,
      long id,
      Map<String, String> values,
      List<InlineChange> changes) {
    require(user, admin, "change");
    Model model = model(admin);
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Map<String, Object> input = forms.of(model, values, problems, field -> field);
    List<InlineWrites.Row> rows = rows(user, admin, changes, problems);
    Rules.Actor actor = actor(user);
    tx.required(
        em -> {
          Sql sql = Sql.of(em);
          InlineWrites writes = new InlineWrites(inventory, sql, actor, this::rules, forms);
          forms.keepUntouched(model, values, input, inventory.get(sql, model, id));
          writes.check(model, id, input, rows, problems);
          rules(model).update(inventory, sql, model, id, input, false, actor);
          writes.write(id, rows);
          return null;
        });
  }

  /**
   * The posted inline rows, their input parsed as far as it parses: the problems of form values
   * that are not even numbers are added to {@code problems}, the object's, and told with those the
   * checks find.
   */
  private List<InlineWrites.Row> rows(
      User user, AdminModel admin, List<InlineChange> changes, Map<String, List<String>> problems) {
    List<InlineWrites.Row> rows = new ArrayList<>();
    for (InlineChange change : changes) {
      AdminModel inlineAdmin =
          served.stream()
              .map(Served::admin)
              .filter(a -> a.name().equals(change.model()))
              .findFirst()
              .orElseThrow(() -> ProblemException.badRequest("No model " + change.model() + "."));
      require(user, inlineAdmin, change.delete() ? "delete" : change.id() == 0 ? "add" : "change");
      Model inline = model(inlineAdmin);
      Field parent = parent(inline, admin);
      Map<String, Object> row =
          change.delete() ? Map.of() : forms.of(inline, change.values(), problems, change::field);
      rows.add(new InlineWrites.Row(change, inline, parent, row));
    }
    return rows;
  }

  @Override
  public List<String> consequences(User user, AdminModel admin, List<Long> ids) {
    require(user, admin, "delete");
    Model model = model(admin);
    return tx.readOnly(
        em -> Deletions.consequences(Sql.of(em), model.table(), ids, forms.zone(), byTable()));
  }

  @Override
  public List<String> obstacles(User user, AdminModel admin, List<Long> ids) {
    require(user, admin, "delete");
    Model model = model(admin);
    Instant now = clock.instant();
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          // the database's refusals, then the rules' own (see each model's delete)
          List<String> lines =
              new ArrayList<>(
                  Deletions.obstacles(sql, model.table(), ids, forms.zone(), byTable()));
          if (model == Loans.LOAN) {
            lines.addAll(Loans.openAmong(sql, ids));
          } else if (model == Catalog.BOOKING || model == Catalog.RESERVATION) {
            lines.addAll(HoldWrites.started(sql, model.table(), ids, now, forms.zone()));
          }
          return lines;
        });
  }

  /** The domain's rows that refuse deleting users or groups (their bookings, hosts). */
  @Override
  public List<Referrers> referrers(User user, AdminModel admin, List<Long> ids) {
    return ofAccounts(user, admin, ids, Deletions::referrers);
  }

  /** The domain's rows that deleting users or groups takes along or leaves without them. */
  @Override
  public List<String> dependents(User user, AdminModel admin, List<Long> ids) {
    return ofAccounts(user, admin, ids, Deletions::dependents);
  }

  /** The domain's rows that refer to these users or groups, as the walk tells them; none else. */
  private <T> List<T> ofAccounts(
      User user, AdminModel admin, List<Long> ids, Deletions.Of<T> walk) {
    String table = Deletions.ACCOUNTS_TABLES.get(admin.app() + "." + admin.name());
    if (table == null || ids.isEmpty()) {
      return List.of();
    }
    requireStaff(user);
    return tx.readOnly(em -> walk.of(Sql.of(em), table, ids, forms.zone(), byTable()));
  }

  /** The admin's model of each of the domain's tables. */
  private Function<String, AdminModel> byTable() {
    Map<String, AdminModel> byTable = new LinkedHashMap<>();
    served.forEach(s -> byTable.put(s.model().table(), s.admin()));
    return byTable::get;
  }

  @Override
  public void bulk(User user, AdminModel admin, String action, List<Long> ids) {
    act(user, admin, action, ids);
  }

  @Override
  public Done act(User user, AdminModel admin, String action, List<Long> ids) {
    Model model = model(admin);
    if (model == Catalog.HOST) {
      HostActions.permissions(action).forEach(permission -> require(user, permission));
      return tx.required(em -> HostActions.run(inventory, bookables, Sql.of(em), action, ids));
    }
    BulkSteps.Step step = steps.step(model, action);
    if (step == null) {
      throw ProblemException.badRequest("No action " + action + " for " + admin.plural() + ".");
    }
    // the change permission, even of a model whose objects are not edited (scan conflicts)
    require(user, admin.permission("change"));
    Rules.Actor actor = actor(user);
    return tx.required(
        em -> BulkSteps.run(Sql.of(em), model, admin, action, step, ids, actor, forms.zone()));
  }

  /** The host list's actions need the permissions of the writes they make. */
  @Override
  public Set<String> actions(User user, AdminModel admin) {
    if (model(admin) != Catalog.HOST) {
      return AdminDesk.super.actions(user, admin);
    }
    return admin.actions().keySet().stream()
        .filter(
            a -> staff(user) && HostActions.permissions(a).stream().allMatch(user::hasPermission))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * The actions that would change the object (a host's by its status and bookable), and the live
   * pages' forms for a conflict.
   */
  @Override
  public Applicable applicable(User user, AdminModel admin, long id) {
    Set<String> may = actions(user, admin);
    Model model = model(admin);
    if (may.isEmpty()) {
      return new Applicable(may, Map.of());
    }
    require(user, admin, "view");
    if (model == Catalog.HOST) {
      return new Applicable(
          tx.readOnly(em -> HostActions.applicable(Sql.of(em), id, may)), Map.of());
    }
    Instant now = clock.instant();
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          return new Applicable(
              steps.changing(sql, model, id, may, now), live.links(sql, model, id, user));
        });
  }

  @Override
  public void delete(User user, AdminModel admin, List<Long> ids) {
    require(user, admin, "delete");
    Model model = model(admin);
    Rules.Actor actor = actor(user);
    tx.required(
        em -> {
          Sql sql = Sql.of(em);
          for (long id : ids) {
            rules(model).delete(inventory, sql, model, id, actor);
          }
          return null;
        });
  }
}
