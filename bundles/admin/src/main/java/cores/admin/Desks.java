package cores.admin;

import cores.api.accounts.User;
import cores.api.admin.AdminDesk;
import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.ProblemException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every desk registered as one: each model's calls go to the desk that lists it, a reference's
 * options to the desk of the referenced model, so that no bundle answers for another's models.
 */
final class Desks implements AdminDesk {
  private final List<AdminDesk> desks;

  Desks(List<AdminDesk> desks) {
    this.desks = List.copyOf(desks);
  }

  private AdminDesk of(AdminModel model) {
    return desks.stream()
        .filter(d -> d.models().contains(model))
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("No model " + model.name() + " here."));
  }

  @Override
  public List<AdminModel> models() {
    return desks.stream().flatMap(d -> d.models().stream()).toList();
  }

  @Override
  public Rows list(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int page) {
    return of(model).list(user, model, search, filters, sort, page);
  }

  @Override
  public List<Long> ids(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int limit) {
    return of(model).ids(user, model, search, filters, sort, limit);
  }

  @Override
  public Map<String, String> get(User user, AdminModel model, long id) {
    return of(model).get(user, model, id);
  }

  @Override
  public String label(AdminModel model, long id) {
    return of(model).label(model, id);
  }

  @Override
  public Map<Long, String> labels(AdminModel model, Collection<Long> ids) {
    return of(model).labels(model, ids);
  }

  @Override
  public Map<Long, String> existing(AdminModel model, Collection<Long> ids) {
    return of(model).existing(model, ids);
  }

  @Override
  public Map<Long, String> options(User user, AdminField field) {
    return referenced(field).options(user, field);
  }

  @Override
  public Map<Long, String> options(User user, AdminField field, String term, int limit) {
    return referenced(field).options(user, field, term, limit);
  }

  /** The referenced model's desk; else the desk of the field's own model. */
  private AdminDesk referenced(AdminField field) {
    return desks.stream()
        .filter(d -> d.models().stream().anyMatch(m -> m.name().equals(field.target())))
        .findFirst()
        .or(
            () ->
                desks.stream()
                    .filter(d -> d.models().stream().anyMatch(m -> m.fields().contains(field)))
                    .findFirst())
        .orElseThrow(() -> ProblemException.notFound("No model " + field.target() + " here."));
  }

  /** The model's desk: it knows what its objects refer to. */
  @Override
  public Map<Long, String> filterOptions(User user, AdminModel model, AdminField field) {
    return of(model).filterOptions(user, model, field);
  }

  @Override
  public Map<String, Map<Long, String>> filterOptions(
      User user, AdminModel model, List<AdminField> fields) {
    return of(model).filterOptions(user, model, fields);
  }

  @Override
  public ListPage listPage(
      User user,
      AdminModel model,
      String search,
      Map<String, String> filters,
      String sort,
      int page,
      List<AdminField> fields) {
    return of(model).listPage(user, model, search, filters, sort, page, fields);
  }

  @Override
  public long create(User user, AdminModel model, Map<String, String> values) {
    return of(model).create(user, model, values);
  }

  @Override
  public long create(
      User user, AdminModel model, Map<String, String> values, List<InlineChange> inlines) {
    return of(model).create(user, model, values, inlines);
  }

  @Override
  public Created createShown(User user, AdminModel model, Map<String, String> values) {
    return of(model).createShown(user, model, values);
  }

  @Override
  public void submit(
      User user, AdminModel model, long id, String form, Map<String, String> values) {
    of(model).submit(user, model, id, form, values);
  }

  @Override
  public void update(User user, AdminModel model, long id, Map<String, String> values) {
    of(model).update(user, model, id, values);
  }

  @Override
  public List<Hold> affected(User user, AdminModel model, long id, Map<String, String> values) {
    return of(model).affected(user, model, id, values);
  }

  /** The own desk's consequences, then what the deletion does to every other desk's objects. */
  @Override
  public List<String> consequences(User user, AdminModel model, List<Long> ids) {
    AdminDesk own = of(model);
    List<String> lines = new ArrayList<>(own.consequences(user, model, ids));
    desks.stream().filter(d -> d != own).forEach(d -> lines.addAll(d.dependents(user, model, ids)));
    return lines;
  }

  @Override
  public List<String> obstacles(User user, AdminModel model, List<Long> ids) {
    return of(model).obstacles(user, model, ids);
  }

  /** Every other desk's objects that refuse deleting these (the domain's of a user). */
  @Override
  public List<Referrers> referrers(User user, AdminModel model, List<Long> ids) {
    AdminDesk own = of(model);
    return desks.stream()
        .filter(d -> d != own)
        .flatMap(d -> d.referrers(user, model, ids).stream())
        .toList();
  }

  @Override
  public void bulk(User user, AdminModel model, String action, List<Long> ids) {
    of(model).bulk(user, model, action, ids);
  }

  @Override
  public Done act(User user, AdminModel model, String action, List<Long> ids) {
    return of(model).act(user, model, action, ids);
  }

  @Override
  public Set<String> actions(User user, AdminModel model) {
    return of(model).actions(user, model);
  }

  @Override
  public boolean offers(User user, AdminModel model, long id, String form) {
    return of(model).offers(user, model, id, form);
  }

  @Override
  public Applicable applicable(User user, AdminModel model, long id) {
    return of(model).applicable(user, model, id);
  }

  @Override
  public void delete(User user, AdminModel model, List<Long> ids) {
    of(model).delete(user, model, ids);
  }

  @Override
  public List<ChangeLog.Part> parts(AdminModel model) {
    return of(model).parts(model);
  }

  @Override
  public List<Change> readable(User user, AdminModel model, List<Change> changes) {
    return of(model).readable(user, model, changes);
  }

  @Override
  public void update(
      User user,
      AdminModel model,
      long id,
      Map<String, String> values,
      List<InlineChange> inlines) {
    of(model).update(user, model, id, values, inlines);
  }

  @Override
  public List<Map<String, String>> inlineRows(
      User user, AdminModel inline, AdminModel model, long id) {
    return of(model).inlineRows(user, inline, model, id);
  }

  @Override
  public List<Hold> affected(User user, AdminModel model, String action, List<Long> ids) {
    return of(model).affected(user, model, action, ids);
  }
}
