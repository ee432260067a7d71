package cores.domain.admin;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.ChangeLog;
import cores.domain.booking.Bookables;
import cores.domain.inventory.Field;
import cores.domain.inventory.Field.Kind;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.loans.Loans;
import cores.domain.notices.Notices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the admin shows each model: its list's title, columns, filters and search, derived from the
 * descriptor where nothing better is said; and the SQL of delete consequences (how rows are named:
 * {@link Labels}; a list's WHERE and ORDER BY: {@link ListSql}). Identifiers in SQL come from the
 * descriptors and the catalog, never from input.
 */
final class Catalog {
  /**
   * Reference targets outside the inventory (the accounts bundle's public views): table to the name
   * a form calls them.
   */
  private static final Map<String, String> OTHER_TABLES =
      Map.of("accounts_user_v1", "user", "accounts_group_v1", "group");

  /** How forms name the choices of some fields: model.field to value to label. */
  private static final Map<String, Map<String, String>> CHOICE_LABELS =
      Map.of(
          Notices.MODEL.name() + ".priority",
          Notices.PRIORITY_LABELS,
          Notices.MODEL.name() + ".target",
          Notices.TARGET_LABELS);

  /** The reservations' bulk action that ends them now. */
  static final String END = "end";

  /** The loans' bulk action that returns them. */
  static final String RETURN = "return";

  /** The bookables' bulk actions: action to the status it sets. */
  static final Map<String, String> SET_STATUS =
      Map.of(
          "set_active",
          Bookables.ACTIVE,
          "set_suspended",
          Bookables.SUSPENDED,
          "set_inactive",
          Bookables.INACTIVE);

  /**
   * How a time filter narrows a list: since the start of today, 7 days ago, the month, the year.
   */
  static final Map<String, String> SINCE =
      Map.of(
          "today", "date_trunc('day', now())",
          "past_7_days", "now() - interval '7 days'",
          "this_month", "date_trunc('month', now())",
          "this_year", "date_trunc('year', now())");

  static final List<String> SINCE_CHOICES =
      List.of("today", "past_7_days", "this_month", "this_year");

  /**
   * A bookable as the admin lists it: its stored fields, and derived from its bookings,
   * reservations and host what the list shows and filters by.
   */
  static final Model BOOKABLE =
      new Model(
          Bookables.MODEL.app(),
          Bookables.MODEL.name(),
          Bookables.MODEL.table(),
          concat(
              Bookables.MODEL.fields(),
              List.of(
                  derived(
                      "active_bookings",
                      "(SELECT count(*) FROM booking_booking k WHERE k.bookable_id ="
                          + " booking_bookable.id AND k.start_time <= now() AND k.end_time > now())",
                      Kind.INT,
                      null,
                      List.of()),
                  derived(
                      "upcoming_reservations",
                      "(SELECT count(*) FROM booking_reservation r WHERE r.bookable_id ="
                          + " booking_bookable.id AND r.start_time > now())",
                      Kind.INT,
                      null,
                      List.of()),
                  derived(
                      "host_status",
                      "(SELECT h.status FROM inventory_host h WHERE h.id = booking_bookable.host_id)",
                      Kind.CHOICE,
                      null,
                      Models.HOST_STATUSES),
                  derived(
                      "host_type",
                      "(SELECT w.host_type_id FROM inventory_host h JOIN inventory_hosthardware w"
                          + " ON w.id = h.hardware_id WHERE h.id = booking_bookable.host_id)",
                      Kind.REF,
                      "inventory_hosttype",
                      List.of()),
                  derived(
                      "host_group",
                      "(SELECT h.group_id FROM inventory_host h WHERE h.id ="
                          + " booking_bookable.host_id)",
                      Kind.REF,
                      "accounts_group_v1",
                      List.of()))),
          List.of(),
          "id");

  /** What a host's bookable state is called when it has no bookable. */
  static final String NOT_BOOKABLE = "none";

  /**
   * A host as the admin lists it: its stored fields, and derived from its bookable, hardware and
   * rack its bookable state, host type and lab, which the list shows and filters by.
   */
  static final Model HOST =
      new Model(
          Models.HOST.app(),
          Models.HOST.name(),
          Models.HOST.table(),
          concat(
              Models.HOST.fields(),
              List.of(
                  derived(
                      "bookable_status",
                      "coalesce((SELECT b.status FROM booking_bookable b WHERE b.host_id ="
                          + " inventory_host.id), '"
                          + NOT_BOOKABLE
                          + "')",
                      Kind.CHOICE,
                      null,
                      concat(List.of(NOT_BOOKABLE), Bookables.STATUSES)),
                  derived(
                      "host_type",
                      "(SELECT w.host_type_id FROM inventory_hosthardware w WHERE w.id ="
                          + " inventory_host.hardware_id)",
                      Kind.REF,
                      "inventory_hosttype",
                      List.of()),
                  derived(
                      "lab",
                      "(SELECT r.lab_id FROM inventory_rack r WHERE r.id = inventory_host.rack_id)",
                      Kind.REF,
                      "inventory_lab",
                      List.of()))),
          List.of(),
          Models.HOST.order());

  static final Model BOOKING = hold("booking", "booking_booking", true);
  static final Model RESERVATION = hold("reservation", "booking_reservation", false);

  /**
   * What a list's search also looks in beyond its text fields: model name to a condition with one
   * parameter (the word as a LIKE pattern), and what the page calls it.
   */
  static final Map<String, Map.Entry<String, String>> SEARCH_ALSO =
      Map.of(
          "bookable",
          Map.entry(
              "hostname",
              "EXISTS (SELECT 1 FROM inventory_host h WHERE h.id = booking_bookable.host_id"
                  + " AND h.hostname ILIKE ?)"),
          "booking",
          Map.entry("host, IP", hostOfHold("booking_booking")),
          "reservation",
          Map.entry("host, IP", hostOfHold("booking_reservation")));

  /**
   * As {@link #SEARCH_ALSO}, but as the ids of the model's rows that match elsewhere: the search is
   * then a union of index scans (the hosts' and NICs' trigram indexes, migration 014) where a
   * condition on each row would have every host read and matched.
   */
  static final Map<String, Map.Entry<String, String>> SEARCH_ALSO_IDS =
      Map.of(
          "host",
          Map.entry("NIC MAC", "SELECT n.host_id FROM inventory_nic n WHERE n.mac::text ILIKE ?"));

  /**
   * The models shown as rows of another's change form, as the original's admin had them: model name
   * to its inline models' names.
   */
  private static final Map<String, List<String>> INLINES =
      Map.of(
          Models.BUILDING.name(), List.of(Models.LAB.name()),
          Models.LAB.name(), List.of(Models.RACK.name()),
          Models.HOSTTYPE.name(), List.of(Models.HOSTHARDWARE.name()),
          Models.HOST.name(), List.of(Models.NIC.name(), Models.CARD.name()));

  /**
   * The models whose rows belong to another's, whose changes that object's history shows: model
   * name to its parts (migration 023 indexes their changes by the column).
   */
  static final Map<String, List<ChangeLog.Part>> PARTS =
      Map.of(
          Models.HOST.name(),
          List.of(
              new ChangeLog.Part(Models.NIC.name(), "host_id"),
              new ChangeLog.Part(Models.CARD.name(), "host_id"),
              new ChangeLog.Part(BOOKABLE.name(), "host_id")));

  static final List<AdminDeskService.Served> SERVED =
      List.of(
          served(Models.BUILDING, "Buildings", List.of("code", "comment")),
          served(Models.LAB, "Labs", List.of("name", "building", "network")),
          served(Models.RACK, "Racks", List.of("lab", "number", "comment")),
          served(Models.HOSTTYPE, "Host types", List.of("name", "details")),
          served(Models.HOSTHARDWARE, "Host hardware", List.of("name", "host_type", "details")),
          served(Models.HDVENDOR, "Disk vendors", List.of("vendor")),
          served(Models.CARDTYPE, "Card types", List.of("name", "comments")),
          served(Models.CARD, "Cards", List.of("cardtype", "asset_no", "host", "details")),
          served(
              HOST,
              "Hosts",
              List.of(
                  "hostname",
                  "asset_no",
                  "hardware",
                  "details",
                  "ip",
                  "lastseen",
                  "status",
                  "bookable_status",
                  "group"),
              List.of(
                  "status",
                  "bookable_status",
                  "host_type",
                  "hardware",
                  "lab",
                  "rack",
                  "group",
                  "owner",
                  "diskvendor",
                  "hypervisor",
                  "vm_host"),
              Map.of()),
          served(Models.NIC, "NICs", List.of("mac", "host", "ip", "primary", "model", "lastseen")),
          served(
              BOOKABLE,
              "Bookables",
              List.of("host", "status", "comment", "active_bookings", "upcoming_reservations"),
              List.of("status", "host_status", "host_type", "host_group"),
              Map.of(
                  "set_active", BulkAction.of("Set active", "set active"),
                  "set_suspended", BulkAction.of("Set suspended", "set suspended"),
                  "set_inactive", BulkAction.of("Set inactive", "set inactive"))),
          served(
              BOOKING,
              "Bookings",
              List.of("bookable", "owner", "start", "end", "comment", "created"),
              List.of("owner", "created"),
              Map.of()),
          served(
              RESERVATION,
              "Reservations",
              List.of("bookable", "owner", "start", "end", "comment", "created"),
              List.of("owner", "created"),
              Map.of(END, BulkAction.of("End now", "ended"))),
          served(
              Notices.MODEL,
              "Notices",
              List.of("title", "priority", "visible", "expires", "target", "user"),
              List.of("visible", "user", "target", "priority"),
              Map.of()),
          served(
              Loans.CUSTOMER,
              "Customers",
              List.of("name", "contact_name", "contact_email", "internal_contact"),
              List.of("internal_contact"),
              Map.of()),
          served(
              Loans.LOAN,
              "Loans",
              List.of("host", "customer", "user", "start", "due_return", "returned"),
              List.of("customer", "returned"),
              Map.of(RETURN, BulkAction.of("Return", "returned"))));

  private Catalog() {}

  private static AdminDeskService.Served served(Model model, String plural, List<String> columns) {
    return served(model, plural, columns, null, Map.of());
  }

  private static AdminDeskService.Served served(
      Model model,
      String plural,
      List<String> columns,
      List<String> filters,
      Map<String, BulkAction> actions) {
    return served(model, plural, columns, filters, actions, AdminModel.ALL_WRITES);
  }

  /**
   * A model as the admin shows it.
   *
   * @param filters the list's filters; null for every writable reference, choice and yes/no
   * @param actions its bulk actions besides delete, each with its label and what it did
   * @param writes the generic writes it takes (add, change, delete)
   */
  static AdminDeskService.Served served(
      Model model,
      String plural,
      List<String> columns,
      List<String> filters,
      Map<String, BulkAction> actions,
      Set<String> writes) {
    List<AdminField> fields = new ArrayList<>();
    List<String> filtered = new ArrayList<>();
    List<String> searched = new ArrayList<>();
    for (Field field : model.fields()) {
      fields.add(
          new AdminField(
              field.name(),
              kind(field),
              field.required(),
              field.writable(),
              field.choices(),
              field.target() == null ? null : modelName(field.target()),
              field.initial(),
              (model == BOOKING || model == RESERVATION) && HoldWrites.FIXED.contains(field.name()),
              CHOICE_LABELS.getOrDefault(model.name() + "." + field.name(), Map.of())));
      if (field.writable()
          && (field.kind() == Kind.REF
              || field.kind() == Kind.CHOICE
              || field.kind() == Kind.BOOL)) {
        filtered.add(field.name());
      }
      if (searchable(field)) {
        searched.add(field.name().replace('_', ' '));
      }
    }
    if (SEARCH_ALSO.containsKey(model.name())) {
      searched.add(SEARCH_ALSO.get(model.name()).getKey());
    }
    if (SEARCH_ALSO_IDS.containsKey(model.name())) {
      searched.add(SEARCH_ALSO_IDS.get(model.name()).getKey());
    }
    Map<String, BulkAction> declared = new LinkedHashMap<>();
    if (model == HOST) {
      declared.putAll(HostActions.ACTIONS);
    }
    // the order the catalog gives (Map.of has none)
    actions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(a -> declared.put(a.getKey(), a.getValue()));
    Map<String, String> shown = new LinkedHashMap<>();
    Map<String, String> done = new LinkedHashMap<>();
    declared.forEach(
        (name, action) -> {
          shown.put(name, action.label());
          done.put(name, action.done());
        });
    return new AdminDeskService.Served(
        model,
        new AdminModel(
            model.app(),
            model.name(),
            plural,
            fields,
            columns,
            filters == null ? filtered : filters,
            String.join(", ", searched),
            shown,
            INLINES.getOrDefault(model.name(), List.of()),
            writes,
            List.of(),
            Map.of(),
            null,
            done));
  }

  /** Whether a list's search looks in the field. */
  static boolean searchable(Field field) {
    return switch (field.kind()) {
      case TEXT -> true;
      case MAC, INET, CIDR -> true;
      default -> false;
    };
  }

  /** The model a referenced table holds: inventory_lab → lab, accounts_user_v1 → user. */
  static String modelName(String table) {
    return OTHER_TABLES.getOrDefault(table, table.substring(table.indexOf('_') + 1));
  }

  /** The table of a referenced model's name. */
  static String table(String modelName) {
    for (Map.Entry<String, String> other : OTHER_TABLES.entrySet()) {
      if (other.getValue().equals(modelName)) {
        return other.getKey();
      }
    }
    return Labels.TABLES.stream()
        .filter(table -> modelName(table).equals(modelName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No table for " + modelName));
  }

  static Field derived(
      String name, String expression, Kind kind, String target, List<String> choices) {
    return new Field(name, expression, kind, false, 0, target, choices, false);
  }

  /**
   * A booking or reservation as the admin shows and takes it (the booking service, not the
   * inventory, writes them): the owner defaults to whoever adds it; a reservation's end is open.
   */
  private static Model hold(String name, String table, boolean endRequired) {
    return new Model(
        "booking",
        name,
        table,
        List.of(
            Field.ref("bookable", "bookable_id", "booking_bookable", true),
            Field.ref("owner", "owner_id", "accounts_user_v1", false),
            Field.time("start", "start_time"),
            new Field("end", "end_time", Kind.TIME, endRequired, 0, null, List.of(), true),
            Field.lines("comment", 100_000, false),
            derived("created", "created", Kind.TIME, null, SINCE_CHOICES)),
        List.of(),
        "start_time DESC");
  }

  /** A booking's or reservation's host has a hostname or IP like the parameter. */
  private static String hostOfHold(String table) {
    return "EXISTS (SELECT 1 FROM booking_bookable b JOIN inventory_host h ON h.id = b.host_id"
        + " WHERE b.id = "
        + table
        + ".bookable_id AND concat_ws(' ', h.hostname, host(h.ip)) ILIKE ?)";
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  /** The admin's kind of a field: text of several lines is a longtext, a box on every form. */
  private static String kind(Field field) {
    if (field.lines()) {
      return "longtext";
    }
    if (field.kind() == Kind.INT && !field.choices().isEmpty()) {
      // a number of a few allowed values (a notice's priority) is picked from them
      return "choice";
    }
    return field.kind().name().toLowerCase(Locale.ROOT);
  }
}
