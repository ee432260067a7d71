package cores.api.admin;

import cores.api.accounts.User;
import cores.api.web.ProblemException;
import java.util.List;
import java.util.Map;
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
   * The objects a form may refer to through a reference field: id to label, in label order (at most
   * 1,000).
   */
  Map<Long, String> options(User user, AdminField field);

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
   * Submits one of the model's own forms ({@link AdminModel#forms}) for an object, checked and
   * written as {@link #update} is.
   */
  default void submit(
      User user, AdminModel model, long id, String form, Map<String, String> values) {
    throw ProblemException.notFound("No form " + form + " for " + model.plural() + ".");
  }

  /** Changes to the form values (every writable field is given). */
  void update(User user, AdminModel model, long id, Map<String, String> values);

  /** What deleting these objects takes with it, or what stops it: one line per kind. */
  List<String> consequences(User user, AdminModel model, List<Long> ids);

  /**
   * Runs a bulk action of the model ({@link AdminModel#actions}) on the objects, in one
   * transaction.
   */
  void bulk(User user, AdminModel model, String action, List<Long> ids);

  /** Deletes the objects in one transaction: all or, on any refusal, none. */
  void delete(User user, AdminModel model, List<Long> ids);

  /**
   * A new object.
   *
   * @param secret what is shown once after creating it, or null
   */
  record Created(long id, String secret) {}

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
}
