package cores.domain.inventory;

import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.inventory.Field.Kind;
import cores.domain.sql.DatabaseException;
import cores.domain.sql.Sql;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The generic CRUD of every model the API serves from a descriptor ({@link Model}: the inventory's,
 * and notices' and loans'), inside the caller's transaction: checks input against the model
 * (unknown fields, types, lengths, addresses, referenced ids), writes, then applies the inventory's
 * consequences (derived host ip/lastseen) and the booking area's ({@link Consequences}). Every path
 * that writes these models (REST, admin pages, imports) goes through here, so those rules hold on
 * all of them. A model's own further rules wrap these calls ({@link Rules}).
 */
public final class Inventory {
  private static final Map<String, String[]> UNIQUE_MESSAGES =
      Map.of(
          "inventory_nic_one_primary_key",
          new String[] {"primary", "the host already has a primary NIC"},
          "inventory_rack_lab_id_number_key",
          new String[] {"number", "the lab already has a rack with this number"},
          "inventory_host_hostname_lower_key",
          new String[] {"hostname", "already taken"});

  /** Checks of one field against another: the field and what it must be (the schema's rules). */
  private static final Map<String, String[]> CHECK_MESSAGES =
      Map.of(
          "inventory_host_check",
          new String[] {"vm_host", "a host cannot be its own VM host"},
          "loans_loan_check",
          new String[] {"due_return", "must be on or after the start"},
          "loans_loan_check1",
          new String[] {"returned_date", "must be on or after the start"});

  /** Unique indexes whose violation is a conflict with another row rather than a bad field. */
  private static final Map<String, String> CONFLICT_MESSAGES =
      Map.of("loans_loan_one_open_per_host", "The host is already on an open loan.");

  /**
   * What the booking area adds to writes of hosts and bookables, in the same transaction (it may
   * refuse by throwing, which rolls the write back): a bookable follows its host's status, and the
   * holders of a bookable that stops being active are told.
   */
  public interface Consequences {
    /** A row was created ({@code before} is null) or changed; both as {@link #get} shows them. */
    void written(Sql sql, Model model, Map<String, Object> before, Map<String, Object> after);

    /** A row (as {@link #get} shows it) is about to be deleted with what depends on it. */
    void deleting(Sql sql, Model model, Map<String, Object> row);
  }

  private final Consequences consequences;

  /** Where date-times sent without an offset are (CORES_TIME_ZONE, {@link Values#time}). */
  private final ZoneId zone;

  public Inventory(Consequences consequences, ZoneId zone) {
    this.consequences = consequences;
    this.zone = zone;
  }

  /** One page of rows and the number of all matching rows. */
  public record Rows(long count, List<Map<String, Object>> results) {}

  public Rows list(Sql sql, Model model, Map<String, String> filters, int limit, int offset) {
    List<Object> params = new ArrayList<>();
    String where = where(model, filters, params);
    long count =
        (Long) sql.row("SELECT count(*) AS n FROM " + model.table() + where, params).get("n");
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(limit);
    pageParams.add(offset);
    List<Map<String, Object>> rows =
        sql.rows(
            select(model) + where + " ORDER BY " + model.order() + ", id LIMIT ? OFFSET ?",
            pageParams);
    return new Rows(count, rows);
  }

  public Map<String, Object> get(Sql sql, Model model, long id) {
    Map<String, Object> row = sql.row(select(model) + " WHERE id = ?", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No " + model.name() + " with id " + id + ".");
    }
    return row;
  }

  public Map<String, Object> create(Sql sql, Model model, Map<String, Object> input) {
    return create(sql, model, input, Map.of());
  }

  /**
   * Creates from the input and the values Cores sets itself (field name to value, e.g. a notice's
   * author), which are not checked as input: derived fields may be among them.
   */
  public Map<String, Object> create(
      Sql sql, Model model, Map<String, Object> input, Map<String, Object> set) {
    Map<Field, Object> values = check(sql, model, input, true, Map.of());
    // a field given as null takes the column's default, as in a replace
    values.values().removeIf(Objects::isNull);
    set.forEach((name, value) -> values.put(model.field(name).orElseThrow(), value));
    List<String> columns = values.keySet().stream().map(Field::column).toList();
    String text =
        columns.isEmpty()
            ? "INSERT INTO " + model.table() + " DEFAULT VALUES RETURNING id"
            : "INSERT INTO "
                + model.table()
                + " ("
                + String.join(", ", columns)
                + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
                + ") RETURNING id";
    long id = (Long) write(model, () -> sql.row(text, new ArrayList<>(values.values()))).get("id");
    return afterWrite(sql, model, null, id);
  }

  /** Checks the input as {@link #create} would, writing nothing: field errors answer 400. */
  public void checkNew(Sql sql, Model model, Map<String, Object> input) {
    check(sql, model, input, true, Map.of());
  }

  /** Replaces (all writable fields; absent ones take their defaults) or patches (given ones). */
  public Map<String, Object> update(
      Sql sql, Model model, long id, Map<String, Object> input, boolean partial) {
    Map<String, Object> before = lock(sql, model, id);
    Map<Field, Object> values = check(sql, model, input, !partial, before);
    if (model == Models.HOST) {
      refuseVmHostLoop(sql, id, input.get("vm_host"));
    }
    if (!partial) {
      for (Field field : model.fields()) {
        if (field.writable() && !values.containsKey(field)) {
          values.put(field, null);
        }
      }
    }
    if (!values.isEmpty()) {
      String sets =
          values.keySet().stream()
              .map(f -> f.column() + " = " + (values.get(f) == null ? "DEFAULT" : "?"))
              .collect(Collectors.joining(", "));
      List<Object> params =
          new ArrayList<>(values.values().stream().filter(v -> v != null).toList());
      params.add(id);
      write(
          model,
          () -> {
            sql.update("UPDATE " + model.table() + " SET " + sets + " WHERE id = ?", params);
            return null;
          });
    }
    return afterWrite(sql, model, before, id);
  }

  /**
   * Refuses a VM host that runs, directly or through others, on the host itself: hosts would run on
   * each other (a new host has nothing on it, so only a change can close a loop).
   */
  private static void refuseVmHostLoop(Sql sql, long id, Object vmHost) {
    if (!(vmHost instanceof Number number)) {
      return;
    }
    if (number.longValue() == id) {
      throw FieldErrors.single("vm_host", "a host cannot be its own VM host");
    }
    // UNION, not UNION ALL: ends on a loop already stored
    boolean loop =
        sql.exists(
            "WITH RECURSIVE up(id) AS (SELECT ?::bigint UNION SELECT h.vm_host_id FROM"
                + " inventory_host h JOIN up ON h.id = up.id WHERE h.vm_host_id IS NOT NULL)"
                + " SELECT 1 FROM up WHERE id = ?",
            List.of(number.longValue(), id));
    if (loop) {
      throw FieldErrors.single(
          "vm_host", "would make a loop: that host runs on this one (directly or through others)");
    }
  }

  public void delete(Sql sql, Model model, long id) {
    Map<String, Object> before = lock(sql, model, id);
    consequences.deleting(sql, model, before);
    write(
        model,
        () -> {
          sql.update("DELETE FROM " + model.table() + " WHERE id = ?", List.of(id));
          return null;
        });
    if (model == Models.NIC) {
      HostDerivation.refresh(sql, hostIds(before.get("host")));
    }
  }

  /** The row as written, after the consequences of the write. */
  private Map<String, Object> afterWrite(
      Sql sql, Model model, Map<String, Object> before, long id) {
    Map<String, Object> after = get(sql, model, id);
    if (model == Models.NIC) {
      List<Long> hosts = new ArrayList<>(hostIds(before == null ? null : before.get("host")));
      hosts.addAll(hostIds(after.get("host")));
      HostDerivation.refresh(sql, hosts);
    }
    consequences.written(sql, model, before, after);
    return after;
  }

  private static List<Long> hostIds(Object id) {
    return id == null ? List.of() : List.of((Long) id);
  }

  private Map<String, Object> lock(Sql sql, Model model, long id) {
    Map<String, Object> row = sql.row(select(model) + " WHERE id = ? FOR UPDATE", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No " + model.name() + " with id " + id + ".");
    }
    return row;
  }

  /** {@code SELECT id, <fields> FROM <table>}: the model's rows as the API shows them. */
  public static String select(Model model) {
    return "SELECT " + columns(model) + " FROM " + model.table();
  }

  /** {@code id, <fields>}: the select list of {@link #select}, for statements that add to it. */
  public static String columns(Model model) {
    StringBuilder text = new StringBuilder("id");
    for (Field field : model.fields()) {
      text.append(", ").append(field.select());
    }
    if (model == Models.HOST) {
      text.append(
          ", (SELECT b.id FROM booking_bookable b WHERE b.host_id = inventory_host.id)"
              + " AS bookable");
    }
    return text.toString();
  }

  private static String where(Model model, Map<String, String> filters, List<Object> params) {
    FieldErrors errors = new FieldErrors();
    List<String> conditions = new ArrayList<>();
    for (Field filter : model.filters()) {
      String value = filters.get(filter.name());
      if (value == null || value.isEmpty()) {
        continue;
      }
      switch (filter.kind()) {
        case REF -> {
          List<Long> ids = Ids.parse(filter.name(), value, errors);
          conditions.add(
              filter.column()
                  + " IN ("
                  + ids.stream().map(i -> "?").collect(Collectors.joining(", "))
                  + ")");
          params.addAll(ids);
        }
        case MAC -> {
          errors.check(filter.name(), Addresses.mac(value));
          conditions.add(
              model == Models.HOST
                  ? "EXISTS (SELECT 1 FROM inventory_nic n WHERE n.host_id = inventory_host.id"
                      + " AND n.mac = ?)"
                  : "mac = ?");
          params.add(value);
        }
        default -> {
          conditions.add("lower(" + filter.column() + ") = lower(?)");
          params.add(value);
        }
      }
    }
    errors.throwIfAny();
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * The given writable fields, checked; a create also needs the required ones. Read-only fields are
   * taken only with the value they have ({@link ReadOnly}: a row read back may be sent as it was
   * read). A change's values are checked against {@code stored}, the row before it (an email
   * address kept as it is is taken, {@link Values#problem(Field, Object, Object, ZoneId)}).
   */
  private Map<Field, Object> check(
      Sql sql, Model model, Map<String, Object> input, boolean whole, Map<String, Object> stored) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    FieldErrors errors = new FieldErrors();
    ReadOnly.check(
        errors,
        input,
        name -> model.field(name).filter(Field::writable).isPresent(),
        stored.isEmpty() ? unwritten(model) : stored,
        zone);
    Map<Field, Object> values = new LinkedHashMap<>();
    for (Field field : model.fields()) {
      boolean given = input.containsKey(field.name());
      Object value = input.get(field.name());
      if (!field.writable()) {
        continue;
      }
      if (!given || value == null) {
        if (field.required() && (whole || given)) {
          errors.check(field.name(), "required");
        } else if (given && !whole && field.initial() != null) {
          // null is the column's default, which for these is a value (a host's status "new"): a
          // patch would silently set it (and suspend the host's bookable) where it meant nothing
          errors.check(field.name(), FieldErrors.NOT_NULL);
        } else if (given) {
          values.put(field, null);
        }
        continue;
      }
      String problem = Values.problem(field, value, stored.get(field.name()), zone);
      if (problem == null && field.kind() == Kind.REF && !exists(sql, field, value)) {
        problem = "no " + field.name() + " with id " + value;
      }
      errors.check(field.name(), problem);
      values.put(field, problem == null ? Values.stored(field, value, zone) : null);
    }
    errors.throwIfAny();
    return values;
  }

  /**
   * The read-only fields of a row not written yet, as {@link #select} will show them: none has a
   * value, so a create takes them only as null ({@link ReadOnly}).
   */
  private static Map<String, Object> unwritten(Model model) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", null);
    model.fields().stream().filter(f -> !f.writable()).forEach(f -> row.put(f.name(), null));
    if (model == Models.HOST) {
      row.put("bookable", null);
    }
    return row;
  }

  private static boolean exists(Sql sql, Field field, Object id) {
    return sql.exists(
        "SELECT 1 FROM " + field.target() + " WHERE id = ?", List.of(((Number) id).longValue()));
  }

  private static <T> T write(Model model, java.util.function.Supplier<T> statement) {
    try {
      return statement.get();
    } catch (DatabaseException e) {
      throw translate(model, e);
    }
  }

  private static RuntimeException translate(Model model, DatabaseException e) {
    switch (e.sqlState()) {
      case DatabaseException.UNIQUE_VIOLATION -> {
        for (Map.Entry<String, String> known : CONFLICT_MESSAGES.entrySet()) {
          if (e.violated(DatabaseException.UNIQUE_VIOLATION, known.getKey())) {
            return ProblemException.conflict(known.getValue());
          }
        }
        ProblemException known = fieldError(e, DatabaseException.UNIQUE_VIOLATION, UNIQUE_MESSAGES);
        if (known != null) {
          return known;
        }
        for (Field field : model.fields()) {
          if (e.violated(
              DatabaseException.UNIQUE_VIOLATION,
              model.table() + "_" + field.column().replace("\"", "") + "_key")) {
            return FieldErrors.single(field.name(), "already taken");
          }
        }
        return ProblemException.conflict("This " + model.name() + " already exists.");
      }
      case DatabaseException.FOREIGN_KEY_VIOLATION -> {
        return ProblemException.conflict(
            "This " + model.name() + " is still referred to by other records.");
      }
      case DatabaseException.CHECK_VIOLATION, DatabaseException.INVALID_TEXT -> {
        ProblemException known = fieldError(e, DatabaseException.CHECK_VIOLATION, CHECK_MESSAGES);
        if (known != null) {
          return known;
        }
        return ProblemException.badRequest("The database refused a value: " + firstLine(e));
      }
      default -> {
        return e;
      }
    }
  }

  /** The field error of a known constraint's violation, or null for another constraint's. */
  private static ProblemException fieldError(
      DatabaseException e, String state, Map<String, String[]> messages) {
    for (Map.Entry<String, String[]> known : messages.entrySet()) {
      if (e.violated(state, known.getKey())) {
        return FieldErrors.single(known.getValue()[0], known.getValue()[1]);
      }
    }
    return null;
  }

  private static String firstLine(DatabaseException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
