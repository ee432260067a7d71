package cores.admin;

import cores.api.admin.AdminModel;

/**
 * One of a model's own forms on an object (a user's password).
 *
 * @param object the model's name and the object's label ("user alice")
 * @param label the object's label
 * @param form its values and problems; a password's value is never shown again
 * @param added whether the object was just added (its add form leads here: a user's password)
 * @param filters the query of the list it was opened from ({@link KeptFilters}), "" for none
 */
public record ObjectFormPage(
    Views.Allowed allowed,
    String csrf,
    long id,
    String object,
    String label,
    AdminModel.AdminForm spec,
    Form form,
    boolean added,
    String filters) {
  /** Where it posts to, carrying the list as it was left, as the change form does. */
  public String action() {
    return allowed.url() + "/" + id + "/form/" + spec.name() + KeptFilters.carry(filters);
  }

  /** The list as it was left ({@link KeptFilters}). */
  public String listUrl() {
    return filters.isEmpty() ? allowed.url() : allowed.url() + "?" + filters;
  }

  /** The object's change form, carrying the list as it was left. */
  public String formUrl() {
    return allowed.url() + "/" + id + KeptFilters.carry(filters);
  }
}
