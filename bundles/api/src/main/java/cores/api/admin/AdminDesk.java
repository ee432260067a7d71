package cores.api.admin;

import cores.api.accounts.User;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The domain's models for the admin pages: listed, read and written through the same checks and
 * rules as the REST API. Every method checks the user's permission on the model (a {@code
 * ProblemException} 403 without it); bad input is a {@code ProblemException} 400 with the problems
 * at their fields, and nothing is written.
 *
 * <p>The admin takes every desk registered, each answering for its own models (the domain's, the
 * accounts'): a desk is asked only about the models it lists.
 */
@ProviderType
public interface AdminDesk {

  /** Rows per list page. */
  int PAGE_SIZE = 50;

  /**
   * The most objects a reference's select lists, in a list's filter ({@link #filterOptions}) as in
   * an object's form: with more, the object is typed by name or #id into a box (beside the first
   * ones, in a filter). A desk answers one more when it has more, so that the list says it shows
   * only the first and offers to type another. One count for both, so that a reference over as many
   * objects is chosen alike everywhere; 200 because a longer select is scrolled through rather than
   * read, on a phone most of all, and weighs every page that shows it, while the box takes any
   * object.
   *
   * @since 1.18.0; 200 since 1.19.0, before 1,000 (a form's select: 200)
   */
  int FILTER_OPTIONS = 200;

  /** Every model, in the order the admin shows them. */
  List<AdminModel> models();

  /**
   * One page of a model's list.
   *
   * @param search words to look for (see {@link AdminModel#search}); blank for all
   * @param filters field name to value: a referenced id, a choice, or {@code true}/{@code false}
   * @param sort a column, {@code -column} for descending; blank for the model's order
   * @param page the page, from 1
   */
  Rows list(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int page);

  /** One object: field name to value as text (references as ids), with its {@code id}. */
  Map<String, String> get(User user, AdminModel model, long id);

  /**
   * A short name of an object, for titles and confirmations (e.g. a host's hostname); {@code #id}
   * when it no longer exists.
   */
  String label(AdminModel model, long id);

  /**
   * {@link #label} of several objects of one model at once (a change log's lines), in one read
   * where the desk can; {@code #id} for those that no longer exist.
   *
   * @since 1.4.0
   */
  default Map<Long, String> labels(AdminModel model, Collection<Long> ids) {
    Map<Long, String> labels = new LinkedHashMap<>();
    for (Long id : ids) {
      labels.put(id, label(model, id));
    }
    return labels;
  }

  /**
   * The labels of those of the ids whose objects exist, in their order: a bulk action's
   * confirmation names and counts only what it would act on, as Django's admin acts on the objects
   * its query still finds. By default those whose {@link #labels label} is not the {@code #id} of
   * one gone.
   *
   * @since 1.13.0
   */
  default Map<Long, String> existing(AdminModel model, Collection<Long> ids) {
    Map<Long, String> existing = new LinkedHashMap<>();
    labels(model, ids)
        .forEach(
            (id, label) -> {
              if (label != null && !label.equals("#" + id)) {
                existing.put(id, label);
              }
            });
    return existing;
  }

  /**
   * The models whose objects belong to one of the model's, through their column naming it (a host's
   * NICs and cards, and its bookable, through {@code host_id}): the object's history shows their
   * changes too. None by default.
   *
   * @since 1.16.0
   */
  default List<ChangeLog.Part> parts(AdminModel model) {
    return List.of();
  }

  /**
   * Changes of the model's objects as people read them: each field by its form name (not its
   * column's), references by their objects' labels ({@code #id} for one that no longer exists).
   */
  default List<Change> readable(User user, AdminModel model, List<Change> changes) {
    return changes;
  }

  /**
   * The objects a form may refer to through a reference field: id to label, in label order (at most
   * 1,000).
   */
  Map<Long, String> options(User user, AdminField field);

  /**
   * The objects a reference field may refer to whose label holds {@code term}, ignoring case: those
   * whose label starts with it first, then the others, each part in label order, at most {@code
   * limit} (a blank term: the first objects). A form whose reference has more objects than it can
   * list suggests these as one types, and finds an object typed by its label among them. By default
   * the matching ones of {@link #options}, which holds at most 1,000; a desk that reads the
   * referenced table finds any of its objects.
   *
   * @since 1.15.0
   */
  default Map<Long, String> options(User user, AdminField field, String term, int limit) {
    String sought = term == null ? "" : term.strip().toLowerCase(Locale.ROOT);
    Map<Long, String> starting = new LinkedHashMap<>();
    Map<Long, String> holding = new LinkedHashMap<>();
    options(user, field)
        .forEach(
            (id, label) -> {
              String lower = label.toLowerCase(Locale.ROOT);
              if (lower.startsWith(sought)) {
                starting.put(id, label);
              } else if (lower.contains(sought)) {
                holding.put(id, label);
              }
            });
    Map<Long, String> found = new LinkedHashMap<>();
    for (Map<Long, String> part : List.of(starting, holding)) {
      part.entrySet().stream()
          .limit(Math.max(0, limit - found.size()))
          .forEach(e -> found.put(e.getKey(), e.getValue()));
    }
    return found;
  }

  /**
   * The objects a list of the model may be filtered by through a reference field: id to label, the
   * first in label order, at most {@link #FILTER_OPTIONS} and one more when there are more (since
   * 1.18.0; before, at most 1,000 without telling). By default those a form may refer to ({@link
   * #options}); a desk may offer only those its objects refer to.
   */
  default Map<Long, String> filterOptions(User user, AdminModel model, AdminField field) {
    return options(user, field, "", FILTER_OPTIONS + 1);
  }

  /**
   * The {@link #filterOptions} of several of the model's reference filters at once, field name to
   * options in the order given: a list page shows them all, and a desk may read them together. By
   * default each is asked for on its own.
   *
   * @since 1.2
   */
  default Map<String, Map<Long, String>> filterOptions(
      User user, AdminModel model, List<AdminField> fields) {
    Map<String, Map<Long, String>> options = new LinkedHashMap<>();
    for (AdminField field : fields) {
      options.put(field.name(), filterOptions(user, model, field));
    }
    return options;
  }

  /**
   * A list page with its reference filters' options: {@link #list} and {@link #filterOptions} of
   * {@code fields} (none when empty), which a desk may read in one transaction. By default each is
   * asked for on its own.
   *
   * @since 1.3
   */
  default ListPage listPage(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      List<AdminField> fields) {
    Map<String, Map<Long, String>> options =
        fields.isEmpty() ? Map.of() : filterOptions(user, model, fields);
    return new ListPage(list(user, model, search, filters, sort, page), options);
  }

  /**
   * The ids of the objects {@link #list} finds with this search and filters, on every page and in
   * its order, at most {@code limit} of them: what a list's "all matching" selects, read at once.
   * It checks the permission and filters as {@link #list} does. By default read page by page.
   *
   * @since 1.8.0
   */
  default List<Long> ids(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int limit) {
    List<Long> ids = new ArrayList<>();
    for (int page = 1; ids.size() < limit; page++) {
      Rows rows = list(user, model, search, filters, sort, page);
      rows.rows().forEach(row -> ids.add(Long.parseLong(row.get("id"))));
      if (rows.rows().size() < PAGE_SIZE || ids.size() >= rows.count()) {
        break;
      }
    }
    return ids.stream().distinct().limit(limit).toList();
  }

  /** Creates from form values (text; blank is no value); returns the new id. */
  long create(User user, AdminModel model, Map<String, String> values);

  /**
   * Creates as {@link #create} does, and returns what the page shows once and never again (a new
   * API token's key); the admin creates through this.
   */
  default Created createShown(User user, AdminModel model, Map<String, String> values) {
    return new Created(create(user, model, values), null);
  }

  /**
   * Creates as {@link #create} does and, in the same transaction, the new object's inline rows
   * ({@link AdminModel#inlines}, all new) as posted with its add form: all or, on any problem,
   * none. A problem of an inline row is at its field's {@link InlineChange#field form name}.
   *
   * @since 1.5.0
   */
  default long create(
      User user, AdminModel model, Map<String, String> values, List<InlineChange> inlines) {
    if (!inlines.isEmpty()) {
      throw ProblemException.badRequest(model.plural() + " have no inline rows.");
    }
    return create(user, model, values);
  }

  /**
   * Submits one of the model's own forms ({@link AdminModel#forms}) for an object, checked and
   * written as {@link #update} is.
   */
  default void submit(
      User user, AdminModel model, long id, String form, Map<String, String> values) {
    throw ProblemException.notFound("No form " + form + " for " + model.plural() + ".");
  }

  /** Changes to the form values (every writable field is given). */
  void update(User user, AdminModel model, long id, Map<String, String> values);

  /**
   * Changes the object to the form values and, in the same transaction, the objects of its inlines
   * ({@link AdminModel#inlines}) as posted with its form: all or, on any problem, none. A problem
   * of an inline row is at its field's {@link InlineChange#field form name}.
   */
  default void update(
      User user,
      AdminModel model,
      long id,
      Map<String, String> values,
      List<InlineChange> inlines) {
    if (!inlines.isEmpty()) {
      throw ProblemException.badRequest(model.plural() + " have no inline rows.");
    }
    update(user, model, id, values);
  }

  /**
   * The objects of an inline model that belong to an object (their reference to it has its model's
   * name), as {@link #get} shows them, in the inline model's order (at most {@link #PAGE_SIZE}).
   */
  default List<Map<String, String>> inlineRows(
      User user, AdminModel inline, AdminModel model, long id) {
    return List.of();
  }

  /**
   * The bookings and reservations not yet ended on the bookables a bulk action would take out of
   * active (suspended or inactive; a host leaving active suspends its bookable): what the action
   * must be confirmed over. Empty when it affects none.
   */
  default List<Hold> affected(User user, AdminModel model, String action, List<Long> ids) {
    return List.of();
  }

  /**
   * The bookings and reservations not yet ended on the bookables that changing the object to these
   * form values would take out of active (a host's status leaving active suspends its bookable, a
   * bookable's status), as {@link #affected(User, AdminModel, String, List)} for a bulk action:
   * what its change form must be confirmed over. Empty when it affects none.
   *
   * @since 1.7.0
   */
  default List<Hold> affected(User user, AdminModel model, long id, Map<String, String> values) {
    return List.of();
  }

  /**
   * What deleting these objects takes with it (deleted too, or left without them): one line per
   * kind.
   */
  List<String> consequences(User user, AdminModel model, List<Long> ids);

  /**
   * What stops deleting these objects, one line per kind (objects of another model that must keep
   * them, the last active superuser): a confirmation then offers no delete. Since 1.6.0; none
   * unless a desk says.
   */
  default List<String> obstacles(User user, AdminModel model, List<Long> ids) {
    return List.of();
  }

  /**
   * The objects of this desk's models that refer to objects of another desk's model and stop
   * deleting them (a user's bookings, the hosts of a group), one entry per kind of reference, each
   * object named: that model's delete confirmation lists them with its own {@link #obstacles}. None
   * unless a desk says.
   *
   * @since 1.8.0
   */
  default List<Referrers> referrers(User user, AdminModel model, List<Long> ids) {
    return List.of();
  }

  /**
   * The objects of this desk's models that deleting objects of another desk's model deletes too or
   * leaves without them (the notices of a group, the loans a user is the contact of), one line per
   * kind in {@link #consequences}' words: that model's delete confirmation lists them after its
   * own. None unless a desk says.
   *
   * @since 1.12.0
   */
  default List<String> dependents(User user, AdminModel model, List<Long> ids) {
    return List.of();
  }

  /**
   * Runs a bulk action of the model ({@link AdminModel#actions}) on the objects, in one
   * transaction.
   */
  void bulk(User user, AdminModel model, String action, List<Long> ids);

  /**
   * Runs a bulk action as {@link #bulk} does and says what it did: the objects it changed, and
   * those it left as they were, with why (a host without a bookable to suspend). By default every
   * object counts as changed.
   *
   * @since 1.7.0
   */
  default Done act(User user, AdminModel model, String action, List<Long> ids) {
    bulk(user, model, action, ids);
    return new Done(ids.size(), List.of());
  }

  /**
   * The bulk actions of the model ({@link AdminModel#actions}) the user may run, each needing the
   * permissions of the writes it makes. By default all of them, with the model's change permission.
   *
   * @since 1.7.0
   */
  default Set<String> actions(User user, AdminModel model) {
    return user != null && user.hasPermission(model.permission("change"))
        ? model.actions().keySet()
        : Set.of();
  }

  /**
   * Whether the user may submit the model's form ({@link AdminModel#forms}) for this object: a page
   * offers it only then ({@link #submit} checks again). By default whenever the user has the form's
   * permission.
   *
   * @since 1.7.0
   */
  default boolean offers(User user, AdminModel model, long id, String form) {
    return user != null
        && model
            .form(form)
            .map(f -> user.hasPermission(model.permission(f.action())))
            .orElse(false);
  }

  /**
   * What applies to one object for the user: the bulk actions of {@link #actions} that would change
   * it (a scan conflict's by its kind and status: accepting an IP only a NIC conflict's, nothing
   * once it is resolved), and links to the pages elsewhere in Cores that act on it (a location
   * conflict's "Fix location"). Its change page offers only these; {@link #act} refuses an action
   * that cannot be done to an object, and leaves one it would not change. By default every action
   * of {@link #actions} and no link.
   *
   * @since 1.8.0
   */
  default Applicable applicable(User user, AdminModel model, long id) {
    return new Applicable(actions(user, model), Map.of());
  }

  /** Deletes the objects in one transaction: all or, on any refusal, none. */
  void delete(User user, AdminModel model, List<Long> ids);

  /**
   * What a bulk action did.
   *
   * @param changed how many objects it changed
   * @param skipped those it left as they were, each a sentence naming it and why
   * @since 1.7.0
   */
  record Done(int changed, List<String> skipped) {
    public Done {
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * What applies to one object ({@link #applicable}).
   *
   * @param actions names of the model's bulk actions ({@link AdminModel#actions})
   * @param links label to the path of a page acting on the object, e.g. {@code Fix location →
   *     /live/conflicts/7/location}, in the order shown
   * @since 1.8.0
   */
  record Applicable(Set<String> actions, Map<String, String> links) {
    public Applicable {
      actions = Set.copyOf(actions);
      links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
    }
  }

  /**
   * Objects of one model that stop deleting objects of another, as a confirmation names them:
   * "{@code what}: {@code named}, and {@code more} more ({@code advice})".
   *
   * @param app the app of their model
   * @param model their model's name, e.g. {@code booking}
   * @param what what they are and do, e.g. {@code 2 bookings refer to it as owner}
   * @param named the first of them, id to label, in id order
   * @param more how many more there are, not named
   * @param advice what to do instead, e.g. {@code change those first}; empty for none
   * @since 1.8.0
   */
  record Referrers(
      String app, String model, String what, Map<Long, String> named, long more, String advice) {
    public Referrers {
      named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
    }
  }

  /**
   * A new object.
   *
   * @param secret what is shown once after creating it, or null
   */
  record Created(long id, String secret) {}

  /**
   * One inline row posted with its object's form.
   *
   * @param model the inline model's name
   * @param id the row's id, or 0 for a new one
   * @param values its form values, without the reference to the object (the desk sets it)
   * @param delete whether the row is to be deleted
   * @param slot a new row's place among the form's blank rows, from 0 (0 for an existing row): its
   *     fields' form names, at which its problems are told ({@link #field(String)})
   */
  record InlineChange(String model, long id, Map<String, String> values, boolean delete, int slot) {
    /** The form name of a row's delete box's field: {@code nic-12-DELETE}. */
    public static final String DELETE = "DELETE";

    public InlineChange {
      values = Map.copyOf(values);
      if (slot < 0 || (id != 0 && slot != 0)) {
        throw new IllegalArgumentException("Not a new row's slot: " + slot);
      }
    }

    /** An existing row, or the form's first new one. */
    public InlineChange(String model, long id, Map<String, String> values, boolean delete) {
      this(model, id, values, delete, 0);
    }

    /**
     * A field of the row as the form names it: {@code nic-12-mac}; a new row's {@code nic-new-mac},
     * {@code nic-new2-mac}, {@code nic-new3-mac}...
     */
    public String field(String name) {
      return id == 0 ? newField(model, slot, name) : field(model, id, name);
    }

    /** A field of an inline row as the form names it (a new row's: the first new one's). */
    public static String field(String model, long id, String name) {
      return id == 0 ? newField(model, 0, name) : model + "-" + id + "-" + name;
    }

    /**
     * A field of a form's new row as the form names it, by the row's slot.
     *
     * @since 1.17.0
     */
    public static String newField(String model, int slot, String name) {
      return model + "-new" + (slot == 0 ? "" : String.valueOf(slot + 1)) + "-" + name;
    }
  }

  /**
   * A booking or reservation not yet ended.
   *
   * @param kind {@code booking} or {@code reservation}
   * @param host its bookable's hostname
   * @param owner its owner's username
   * @param end null for a reservation without an end
   */
  record Hold(String kind, long id, String host, String owner, Instant start, Instant end) {}

  /**
   * One list page.
   *
   * @param count the rows matching the search and filters
   * @param rows each row's list columns as text, keyed by column, with its {@code id}
   */
  record Rows(long count, List<Map<String, String>> rows) {
    public Rows {
      rows = List.copyOf(rows);
    }
  }

  /**
   * A list page and its filters' options.
   *
   * @param options field name to the {@link #filterOptions} of that field
   * @since 1.3
   */
  record ListPage(Rows rows, Map<String, Map<Long, String>> options) {
    public ListPage {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
  }
}
