package cores.admin;

import cores.api.admin.AdminField;
import cores.api.admin.AdminModel;
import cores.api.changes.Change;
import cores.api.changes.ChangeLog;
import cores.api.web.Dates;
import cores.api.web.PageLayout;
import cores.api.web.RefusedQuery;
import cores.api.web.Visitor;
import cores.api.web.Whiteboard;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * The change log as a list under {@code /admin/changes}, 50 a page, newest first, filtered by
 * model, action, user (what they wrote, also while impersonated, and what they wrote as someone
 * else) and days (the site's, as its times): the per-user page the history links to is this list
 * with its user chosen. Staff see the changes of the models they may view; superusers every change.
 */
@JakartarsResource
@Admits(Operations.Audience.STAFF)
@JakartarsApplicationSelect(Whiteboard.PAGES)
@Component(service = ChangeLogPages.class)
@Path("admin/changes")
@Produces(MediaType.TEXT_HTML)
public final class ChangeLogPages {
  private static final int PAGE = 50;

  /** The change log's actions and what the admin calls them ({@link ChangeLines#summary}). */
  /** The action filter's choices, in the order a change's life has them. */
  static final Map<String, String> ACTIONS =
      Stream.of(
              Map.entry("create", "Added"),
              Map.entry("update", "Changed"),
              Map.entry("delete", "Deleted"))
          .collect(
              Collectors.toMap(
                  Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));

  /** The filters the page folds on a phone ({@code fold.jte}). */
  private static final List<String> FOLDED = List.of("user", "model", "action", "from", "to");

  /** The user filter, a reference to the accounts' users: typed, as a list's filter's box. */
  private static final AdminField USER =
      new AdminField("user", "ref", false, true, List.of(), "user");

  private final ChangeLog changes;
  private final AdminPages pages;
  private final PageLayout layout;
  private final Templates templates = new Templates();

  /**
   * The list as shown.
   *
   * @param models the models the visitor may choose from, by name, with what the admin calls them
   * @param actions the actions one may choose, by name, with what the admin calls them
   * @param query the chosen filters (name to value as given), as the form shows them again
   * @param refused the filters of {@code query} refused (named among the problems, not applied):
   *     the page links leave them out, so that the next page does not repeat their problem
   * @param user the chosen user's name, when a change shows it
   * @param zone the site's zone's name: that of the times and of the days chosen
   */
  public record ChangesPage(
      Map<String, String> models,
      Map<String, String> actions,
      Map<String, String> query,
      Set<String> refused,
      String user,
      ChangeLog.Page found,
      List<Views.Line> lines,
      int page,
      int pages,
      List<String> problems,
      String zone) {
    public String value(String name) {
      return query.getOrDefault(name, "");
    }

    /**
     * How many of the filters folded on a phone are applied (the fold's summary says so): given and
     * not refused.
     */
    public long applied() {
      return FOLDED.stream().filter(f -> query.containsKey(f) && !refused.contains(f)).count();
    }

    /** This list with another page, and the filters applied. */
    public String pageUrl(int number) {
      StringBuilder url = new StringBuilder("/admin/changes?page=" + number);
      query.forEach(
          (key, value) -> {
            if (!refused.contains(key)) {
              url.append('&')
                  .append(key)
                  .append('=')
                  .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
          });
      return url.toString();
    }
  }

  @Activate
  public ChangeLogPages(
      @Reference ChangeLog changes, @Reference AdminPages pages, @Reference PageLayout layout) {
    this.changes = changes;
    this.pages = pages;
    this.layout = layout;
  }

  @GET
  public Response list(@Context ContainerRequestContext request) {
    Visitor visitor = Visitor.of(request);
    boolean superuser = visitor.user().orElseThrow().superuser();
    Set<String> visible = changes.viewable(visitor::may);
    MultivaluedMap<String, String> params = request.getUriInfo().getQueryParameters();
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : List.of("model", "action", "user", "from", "to")) {
      String value = params.getFirst(name);
      if (value != null && !value.isBlank()) {
        query.put(name, value.strip());
      }
    }
    List<String> problems = new ArrayList<>();
    // shown again as typed, but not applied, nor kept in the page links
    Set<String> refused = new HashSet<>();
    // a filter set aside (RefusedQuery): the list without it, saying so
    RefusedQuery.of(request)
        .forEach((name, messages) -> messages.forEach(m -> problems.add(name + ": " + m)));
    Set<String> models = superuser ? null : visible;
    if (query.containsKey("model")) {
      models = visible.contains(query.get("model")) ? Set.of(query.get("model")) : Set.of();
    }
    String action = query.get("action");
    if (action != null && !ACTIONS.containsKey(action)) {
      problems.add("action: one of " + ACTIONS.keySet());
      refused.add("action");
      action = null;
    }
    // the user by id (the history's links), or typed by name or #id as a list's filter's box is
    Optional<AdminModel> users = this.pages.refs().target(USER);
    Long user = null;
    if (query.containsKey("user")) {
      String given = query.get("user");
      if (given.matches("[0-9]{1,18}")) {
        user = Long.valueOf(given);
      } else if (users.isEmpty()) {
        problems.add("Filter User: not an id; not applied.");
        query.remove("user");
      } else {
        Refs.Found found =
            this.pages.refs().find(visitor.user().orElseThrow(), USER, users.get(), given);
        if (found.id() != null) {
          query.put("user", String.valueOf(found.id()));
          // every filter kept: the page it leads to names what it refuses
          return Response.seeOther(URI.create(urlOf(query, Set.of(), 1))).build();
        }
        problems.add(TypedFilters.unresolved("User", users.get(), given, found));
        refused.add("user");
      }
    }
    // the days of the times shown: the site's
    ZoneId zone = pages.zone().zone();
    LocalDate from = date(query.get("from"), "from", problems, refused);
    LocalDate to = date(query.get("to"), "to", problems, refused);
    int page = PostedForm.pageNumber(params.getFirst("page"));
    ChangeLog.Search search =
        new ChangeLog.Search(
            models,
            null,
            action,
            user,
            from == null ? null : from.atStartOfDay(zone).toInstant(),
            // the last day chosen counts whole
            to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    ChangeLog.Page found = changes.search(search, PAGE, (page - 1) * PAGE);
    if (user != null
        && found.count() == 0
        && users.isPresent()
        && this.pages.desk().existing(users.get(), List.of(user)).isEmpty()) {
      // no one's id (an edited address): every user's changes, saying so, not an empty list
      problems.add(TypedFilters.noSuch("User", users.get(), user));
      query.remove("user");
      user = null;
      found =
          changes.search(
              new ChangeLog.Search(search.models(), null, action, null, search.from(), search.to()),
              PAGE,
              (page - 1) * PAGE);
    }
    List<Views.Line> lines = ChangeLines.named(pages.desk(), found.changes(), pages.zone());
    String username = null;
    if (user != null) {
      for (Change change : found.changes()) {
        if (user.equals(change.userId())) {
          username = change.username();
        } else if (user.equals(change.impersonatorId())) {
          username = change.impersonator();
        }
      }
      if (username == null && users.isPresent()) {
        // one who wrote nothing (on this page): by their name as the accounts know it
        username = this.pages.desk().existing(users.get(), List.of(user)).get(user);
      }
    }
    int pages = (int) Math.max(1, (found.count() + PAGE - 1) / PAGE);
    if (page > pages) {
      // as the admin's lists: a page past the end is the last
      return Response.seeOther(URI.create(urlOf(query, refused, pages))).build();
    }
    String title =
        user == null ? "Changes" : "Changes by " + (username == null ? "user #" + user : username);
    String body =
        templates.render(
            "changes.jte",
            new ChangesPage(
                labelled(visible),
                ACTIONS,
                query,
                refused,
                username,
                found,
                lines,
                page,
                pages,
                problems,
                this.pages.zone().name()));
    return Response.ok()
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(
            layout.page(visitor, request.getUriInfo().getRequestUri().getRawPath(), title, body))
        .build();
  }

  /**
   * The models by name with what the admin's lists call them ("Host hardware"), in that order
   * ({@link NaturalOrder}, as the lists' filters); a model no desk lists (a job's runs) by its
   * name.
   */
  private Map<String, String> labelled(Set<String> names) {
    Map<String, String> labels = new HashMap<>();
    names.forEach(name -> labels.put(name, name));
    for (AdminModel model : pages.desk().models()) {
      if (names.contains(model.name())) {
        labels.put(model.name(), model.plural());
      }
    }
    return NaturalOrder.sorted(labels);
  }

  /** A page of the list with this query, but its refused filters. */
  private static String urlOf(Map<String, String> query, Set<String> refused, int page) {
    return new ChangesPage(
            Map.of(), Map.of(), query, refused, null, null, List.of(), 1, 1, List.of(), "")
        .pageUrl(page);
  }

  /** A day chosen; null, the filter named among the problems and refused, when it is none. */
  private static LocalDate date(
      String text, String name, List<String> problems, Set<String> refused) {
    if (text == null) {
      return null;
    }
    LocalDate date = Dates.date(text);
    if (date == null) {
      problems.add(name + ": not a date (YYYY-MM-DD) " + Dates.YEARS);
      refused.add(name);
    }
    return date;
  }
}
