package cores.domain.web;

import cores.api.accounts.User;
import cores.api.persistence.Transactions;
import cores.api.web.Access;
import cores.api.web.FieldErrors;
import cores.api.web.Page;
import cores.api.web.ProblemException;
import cores.domain.inventory.Ids;
import cores.domain.inventory.ReadOnly;
import cores.domain.inventory.Values;
import cores.domain.sql.Sql;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the booking and reservation resources share: listing one's own holds (all with the view
 * permission) with the owner/bookable filters, reading one, and the answers.
 *
 * @param name "booking" or "reservation", for messages
 * @param table the table
 * @param select the SELECT of the API's columns, without WHERE
 * @param view the permission that lists everyone's
 * @param filters query parameters holding ids (comma lists), to their column
 */
record Holds(String name, String table, String select, String view, Map<String, String> filters) {

  Page<Map<String, Object>> list(
      Transactions tx, String limit, String offset, SecurityContext security, UriInfo uri) {
    User user = Access.user(security);
    Page.Window window = Page.Window.of(limit, offset, Query.PAGE_SIZE);
    Map<String, String> query = Query.of(uri);
    FieldErrors errors = new FieldErrors();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!security.isUserInRole(view)) {
      where.add("owner_id = ?");
      params.add(user.id());
    }
    filters.forEach(
        (parameter, column) -> {
          String value = query.get(parameter);
          if (value != null && !value.isEmpty()) {
            where.add(column + " = ANY (?::bigint[])");
            params.add(Sql.array(Ids.parse(parameter, value, errors)));
          }
        });
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return tx.readOnly(
        em -> {
          Sql sql = Sql.of(em);
          long count =
              (Long) sql.row("SELECT count(*) AS n FROM " + table + condition, params).get("n");
          List<Object> page = new ArrayList<>(params);
          page.add(window.limit());
          page.add(window.offset());
          return window.page(
              count,
              sql.rows(select + condition + " ORDER BY start_time, id LIMIT ? OFFSET ?", page),
              uri);
        });
  }

  /** One hold; someone else's is "not found" without the view permission. */
  Map<String, Object> get(Transactions tx, long id, SecurityContext security) {
    User user = Access.user(security);
    Map<String, Object> row =
        tx.readOnly(em -> Sql.of(em).row(select + " WHERE id = ?", List.of(id)));
    if (row == null
        || (!security.isUserInRole(view) && !Long.valueOf(user.id()).equals(row.get("owner")))) {
      throw ProblemException.notFound("No " + name + " with id " + id + ".");
    }
    return row;
  }

  /**
   * Makes a change of one hold whose body may send back the row's read-only fields ({@link
   * ReadOnly}), in one transaction: they are compared with the row as it was, after the change's
   * own checks (so that who may not change the hold learns nothing from them), and one sent with
   * another value undoes the change.
   */
  Map<String, Object> changed(
      Transactions tx,
      long id,
      HoldChange input,
      ZoneId zone,
      Function<Sql, Map<String, Object>> change) {
    return tx.required(
        em -> {
          Sql sql = Sql.of(em);
          Map<String, Object> before =
              input.others().isEmpty() ? null : sql.row(select + " WHERE id = ?", List.of(id));
          Map<String, Object> after = change.apply(sql);
          if (before != null) {
            FieldErrors errors = new FieldErrors();
            ReadOnly.check(errors, input.others(), name -> false, before, zone);
            errors.throwIfAny();
          }
          return after;
        });
  }

  static <T> T body(T input) {
    if (input == null) {
      throw ProblemException.badRequest("A JSON object is required.");
    }
    return input;
  }

  /**
   * A time given as text ({@link Values#time}: no offset means {@code zone}), or null when none is
   * given; a bad one is recorded in {@code errors} under {@code field}.
   */
  static Instant time(FieldErrors errors, String field, String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    try {
      return Values.time(text, zone);
    } catch (IllegalArgumentException e) {
      errors.check(field, e.getMessage());
      return null;
    }
  }

  static Response created(UriInfo uri, Map<String, Object> created) {
    return Response.created(uri.getAbsolutePathBuilder().path(created.get("id") + "/").build())
        .entity(created)
        .build();
  }
}
