package cores.domain.loans;

import cores.api.admin.NamingProblem;
import cores.api.web.FieldErrors;
import cores.api.web.ProblemException;
import cores.domain.inventory.Field;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Model;
import cores.domain.inventory.Models;
import cores.domain.inventory.Rules;
import cores.domain.sql.Sql;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loans (DOMAIN.md): a loan is in effect from its start day (in the configured zone) until it is
 * returned. While it is, its host's status is {@code on_loan}, set through the inventory's host
 * update (which suspends its bookable), and the loan stores the status the host had: lending puts
 * the host on loan at once when the loan starts today or earlier, the nightly maintenance job on
 * its start day otherwise ({@link #startDue}). Returning the loan ({@code PATCH {"returned":
 * true}}) sets the stored status back; so does moving an open loan's start to a later day. A host
 * is on at most one open loan (also a partial unique index). An open loan cannot be deleted, only
 * returned; a returned loan cannot be reopened.
 */
public final class Loans implements Rules {
  public static final String ON_LOAN = "on_loan";

  /**
   * How a loan {@code x} is named (SQL): its host, customer and start, "web01 to Partner Ltd from
   * 2026-01-05"; pages put "loan" before it.
   */
  public static final String LABEL =
      "(SELECT h.hostname FROM inventory_host h WHERE h.id = x.host_id) || ' to '"
          + " || (SELECT c.name FROM loans_customer c WHERE c.id = x.customer_id) || ' from '"
          + " || to_char(x.start_date, 'YYYY-MM-DD')";

  /** The zone of "today" for a returned date set on return. */
  private final ZoneId zone;

  public Loans(ZoneId zone) {
    this.zone = zone;
  }

  public static final Model CUSTOMER =
      new Model(
              "loans",
              "customer",
              "loans_customer",
              List.of(
                  Field.prose("name", 200, true),
                  Field.prose("contact_name", 200, false),
                  Field.prose("contact_role", 200, false),
                  Field.email("contact_email"),
                  Field.ref("internal_contact", "accounts_user_v1", false)),
              List.of(),
              "lower(name)")
          .withExample(
              Map.of(
                  "name", "Partner Ltd",
                  "contact_name", "Alex Doe",
                  "contact_email", "alex@partner.example"));

  public static final Model LOAN =
      new Model(
              "loans",
              "loan",
              "loans_loan",
              List.of(
                  Field.ref("host", "inventory_host", true),
                  Field.ref("customer", "loans_customer", true),
                  // the original's name for the user responsible for the loan
                  Field.ref("user", "responsible_id", "accounts_user_v1", false),
                  Field.date("start", "start_date", true),
                  Field.date("due_return", "due_return", false),
                  Field.date("returned_date", "returned_date", false),
                  Field.bool("returned"),
                  Field.lines("comment", 100_000, false),
                  Field.choice("previous_status", Models.HOST_STATUSES).derived()),
              List.of(
                  Field.ref("host", "inventory_host", false),
                  Field.ref("customer", "loans_customer", false)),
              "start_date DESC")
          .withExample(
              Map.of("host", 1, "customer", 1, "start", "2026-01-05", "due_return", "2026-03-31"));

  /**
   * Lends the host: locks it, checks the request's fields (400), refuses a second open loan (409),
   * stores its status and sets it {@code on_loan}. A loan created as already returned is history
   * and leaves the host alone. A broken request is told what is wrong with it before the state of
   * the host: the conflict is for a request that could otherwise be done.
   */
  @Override
  public Map<String, Object> create(
      Inventory inventory, Sql sql, Model model, Map<String, Object> input, Actor actor) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    boolean returned = Boolean.TRUE.equals(input.get("returned"));
    Long host = id(input.get("host"));
    Map<String, Object> status =
        host == null
            ? null
            : sql.row("SELECT status FROM inventory_host WHERE id = ? FOR UPDATE", List.of(host));
    if (status == null) {
      // the generic checks name what is wrong with the host
      return inventory.create(sql, model, input);
    }
    Map<String, Object> loan = withReturnedDate(input, returned, null, null, actor.now());
    if (!returned) {
      inventory.checkNew(sql, model, loan);
      Map<String, Object> open =
          sql.row(
              "SELECT x.id, h.hostname, (SELECT c.name FROM loans_customer c"
                  + " WHERE c.id = x.customer_id) AS customer,"
                  + " to_char(x.start_date, 'YYYY-MM-DD') AS since FROM loans_loan x"
                  + " JOIN inventory_host h ON h.id = x.host_id"
                  + " WHERE x.host_id = ? AND NOT x.returned",
              List.of(host));
      if (open != null) {
        // at the host field, where a form shows it, the open loan named for the admin to link
        String named = "loan to " + open.get("customer") + " since " + open.get("since");
        String lent = "already on " + named + ": return that loan first";
        throw new NamingProblem(
            409,
            "Conflict",
            "Host " + open.get("hostname") + " is " + lent + ".",
            Map.of("host", List.of(lent)),
            List.of(
                new NamingProblem.Named(
                    "host", named, LOAN.app(), LOAN.name(), (Long) open.get("id"))));
      }
    }
    if (returned) {
      // history: the host is left alone, its status now recorded as the one it had
      return inventory.create(sql, model, loan, Map.of("previous_status", status.get("status")));
    }
    Map<String, Object> created = inventory.create(sql, model, loan);
    if (!inEffect(created.get("start"), actor.now())) {
      return created;
    }
    Map<String, Object> started = new LinkedHashMap<>(created);
    started.put("previous_status", putOnLoan(inventory, sql, (Long) created.get("id"), host));
    return started;
  }

  /**
   * The nightly maintenance job's part: puts the hosts of the open loans that start by today (in
   * the configured zone) and are not in effect yet on loan; the number started.
   */
  public Map<String, Long> startDue(Inventory inventory, Sql sql, Instant now) {
    List<Map<String, Object>> due =
        sql.rows(
            "SELECT id, host_id FROM loans_loan WHERE NOT returned AND previous_status IS NULL"
                + " AND start_date <= ? ORDER BY id FOR UPDATE",
            List.of(today(now)));
    for (Map<String, Object> loan : due) {
      putOnLoan(inventory, sql, (Long) loan.get("id"), (Long) loan.get("host_id"));
    }
    return Map.of("loans_started", (long) due.size());
  }

  /** Whether a loan starting on {@code start} (a stored date) is in effect at {@code now}. */
  private boolean inEffect(Object start, Instant now) {
    return !LocalDate.parse(start.toString()).isAfter(today(now));
  }

  private LocalDate today(Instant now) {
    return LocalDate.ofInstant(now, zone);
  }

  /** Stores the host's status in the loan and sets it on loan; answers the status it had. */
  private static Object putOnLoan(Inventory inventory, Sql sql, long loan, long host) {
    Object had =
        sql.row("SELECT status FROM inventory_host WHERE id = ? FOR UPDATE", List.of(host))
            .get("status");
    sql.update("UPDATE loans_loan SET previous_status = ? WHERE id = ?", List.of(had, loan));
    inventory.update(sql, Models.HOST, host, Map.of("status", ON_LOAN), true);
    return had;
  }

  /**
   * Sets the host of a loan that ends being in effect back to the status stored, if it is still
   * {@code on_loan} (a status someone set by hand during the loan stays).
   */
  private static void takeOffLoan(Inventory inventory, Sql sql, long host, Object had) {
    Map<String, Object> hostNow =
        sql.row("SELECT status FROM inventory_host WHERE id = ? FOR UPDATE", List.of(host));
    if (ON_LOAN.equals(hostNow.get("status"))) {
      inventory.update(sql, Models.HOST, host, Map.of("status", had), true);
    }
  }

  /**
   * Changes a loan; {@code returned: true} returns it and sets the host's status back (if it is
   * still {@code on_loan}: a status someone set by hand during the loan stays). A start moved to
   * today or earlier puts the host on loan now, one moved to a later day sets it back until then.
   * The host of a loan cannot change, and a returned loan cannot be reopened.
   */
  @Override
  public Map<String, Object> update(
      Inventory inventory,
      Sql sql,
      Model model,
      long id,
      Map<String, Object> input,
      boolean partial,
      Actor actor) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    Map<String, Object> before = lock(sql, id);
    boolean wasReturned = (Boolean) before.get("returned");
    boolean returned =
        input.containsKey("returned")
            ? Boolean.TRUE.equals(input.get("returned"))
            : partial && wasReturned;
    FieldErrors errors = new FieldErrors();
    if (input.containsKey("host") && !before.get("host_id").equals(id(input.get("host")))) {
      errors.check("host", "a loan stays with its host: return it and lend the other host");
    }
    if (wasReturned && !returned) {
      errors.check("returned", "a returned loan cannot be reopened: lend the host anew");
    }
    errors.throwIfAny();
    Map<String, Object> updated =
        inventory.update(
            sql,
            model,
            id,
            withReturnedDate(
                input, returned, before.get("returned_date"), before.get("start"), actor.now()),
            partial);
    if (wasReturned) {
      return updated;
    }
    long host = (Long) before.get("host_id");
    Object had = before.get("previous_status");
    boolean inEffect = !returned && inEffect(updated.get("start"), actor.now());
    if (had != null && !inEffect) {
      takeOffLoan(inventory, sql, host, had);
      if (!returned) {
        // moved to a later start: in effect again from that day
        sql.update("UPDATE loans_loan SET previous_status = NULL WHERE id = ?", List.of(id));
        return withPrevious(updated, null);
      }
    } else if (had == null && inEffect) {
      return withPrevious(updated, putOnLoan(inventory, sql, id, host));
    }
    return updated;
  }

  private static Map<String, Object> withPrevious(Map<String, Object> loan, Object had) {
    Map<String, Object> changed = new LinkedHashMap<>(loan);
    changed.put("previous_status", had);
    return changed;
  }

  /** Only a returned loan may be deleted: deleting an open one would strand its host on loan. */
  @Override
  public void delete(Inventory inventory, Sql sql, Model model, long id, Actor actor) {
    if (!(Boolean) lock(sql, id).get("returned")) {
      throw ProblemException.conflict(
          "The loan of " + named(sql, List.of(id), "").get(0) + " is still open: return it first.");
    }
    inventory.delete(sql, model, id);
  }

  /** What stops deleting these loans ({@link #delete}): those still open, named, or none. */
  public static List<String> openAmong(Sql sql, List<Long> ids) {
    List<String> open = named(sql, ids, " AND NOT x.returned");
    if (open.isEmpty()) {
      return List.of();
    }
    return List.of(
        (open.size() == 1 ? "the loan of " : "the loans of ")
            + String.join("; ", open)
            + (open.size() == 1
                ? " is still open: return it first"
                : " are still open: return them first"));
  }

  /** The loans by {@link #LABEL}, in id order, those {@code and} (SQL over {@code x}) says. */
  private static List<String> named(Sql sql, List<Long> ids, String and) {
    return sql
        .rows(
            "SELECT "
                + LABEL
                + " AS name FROM loans_loan x WHERE x.id = ANY (?::bigint[])"
                + and
                + " ORDER BY x.id",
            List.of(Sql.array(ids)))
        .stream()
        .map(r -> (String) r.get("name"))
        .toList();
  }

  private static Map<String, Object> lock(Sql sql, long id) {
    Map<String, Object> row =
        sql.row(
            "SELECT host_id, returned, returned_date::text AS returned_date, previous_status,"
                + " start_date::text AS start FROM loans_loan WHERE id = ? FOR UPDATE",
            List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No loan with id " + id + ".");
    }
    return row;
  }

  /**
   * A returned loan has a returned date: the one given, else the one it had, else today in the
   * configured zone, or its start day when it has not started yet (returned before it began: today
   * would be before the start, which no returned date may be). An open loan has none (400 at the
   * field).
   *
   * @param started the start stored, or null for a new loan
   */
  private Map<String, Object> withReturnedDate(
      Map<String, Object> input, boolean returned, Object had, Object started, Instant now) {
    if (!returned && input.get("returned_date") != null) {
      throw FieldErrors.single(
          "returned_date", "only a returned loan has one: set returned to true as well");
    }
    if (!returned || input.get("returned_date") != null) {
      return input;
    }
    Map<String, Object> completed = new LinkedHashMap<>(input);
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate start = day(input.containsKey("start") ? input.get("start") : started);
    completed.put(
        "returned_date",
        had != null ? had : (start != null && start.isAfter(today) ? start : today).toString());
    return completed;
  }

  /** The day a value names, or null when it names none (the field's check then says so). */
  private static LocalDate day(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The id a JSON value names, or null when it is not a positive whole number. */
  private static Long id(Object value) {
    return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0
        ? ((Number) value).longValue()
        : null;
  }
}
