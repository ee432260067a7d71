package cores.admin;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import cores.api.config.SiteZone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A confirmation before a delete or a bulk action: what it is done to, what goes with it or stops
 * it, the bookings and reservations it affects.
 *
 * @param question what is asked, e.g. "Delete this host?"
 * @param postTo where the confirmation is posted
 * @param action the bulk action confirmed, or null for a delete
 * @param objects id to label of the objects listed: the first {@link Confirmations#LISTED}
 * @param ids every object it is done to, in their order: posted back with the answer
 * @param consequences what deleting takes with it, one line per kind
 * @param obstacles what stops the deletion, one line per kind: no delete is offered then
 * @param holds bookings and reservations whose bookable the action takes out of active
 * @param zone the site's, in which the holds' times are shown
 * @param referrers other models' objects that stop the deletion, named: no delete is offered
 * @param filters the list's query as it was left ({@link KeptFilters}), to go back to
 */
public record ConfirmPage(
    Views.Allowed allowed,
    String csrf,
    String question,
    String postTo,
    String action,
    String button,
    Map<Long, String> objects,
    List<Long> ids,
    List<String> consequences,
    List<String> obstacles,
    List<AdminDesk.Hold> holds,
    List<String> problems,
    SiteZone zone,
    List<Referring> referrers,
    String filters) {
  public boolean delete() {
    return action == null;
  }

  /** The list as it was left. */
  public String listUrl() {
    return filters.isEmpty() ? allowed.url() : allowed.url() + "?" + filters;
  }

  /**
   * The one object confirmed, by its label, for the breadcrumb to name as Django's admin does
   * ("Admin › Hosts › web01 › Delete"); null for several.
   */
  public String object() {
    return ids.size() == 1 ? objects.values().iterator().next() : null;
  }

  /** The one object's page, carrying the list as it was left; null where it may not be opened. */
  public String objectUrl() {
    if (ids.size() != 1 || !allowed.view()) {
      return null;
    }
    return allowed.url() + "/" + ids.get(0) + KeptFilters.carry(filters);
  }

  /**
   * The breadcrumb's last step, what is done: "Delete" (or the action's label) after the one
   * object, "Delete 2 hosts" for several.
   */
  public String step() {
    AdminModel model = allowed.model();
    String verb = Confirmations.verb(model, action);
    if (ids.size() == 1) {
      return verb;
    }
    return verb + (delete() ? " " : " for ") + ids.size() + " " + model.pluralInSentence();
  }

  /** How many objects it is done to are not listed by name, only counted. */
  public int unlisted() {
    return ids.size() - objects.size();
  }

  /** Whether something stops the deletion: then it is not offered. */
  public boolean blocked() {
    return !obstacles.isEmpty() || !referrers.isEmpty();
  }

  public String when(Instant at) {
    return zone.when(at);
  }

  /**
   * Objects of another model that stop a deletion, as its confirmation names them.
   *
   * @param url their model's list when the visitor may see its objects, else null: named, not
   *     linked
   */
  public record Referring(AdminDesk.Referrers referrers, String url) {
    /** One of them: its label, its page (or null), whether it is named first. */
    public record Named(String label, String url, boolean first) {}

    /** Those named, in their order. */
    public List<Named> named() {
      List<Named> named = new ArrayList<>();
      referrers
          .named()
          .forEach(
              (id, label) ->
                  named.add(
                      new Named(label, url == null ? null : url + "/" + id, named.isEmpty())));
      return named;
    }
  }
}
