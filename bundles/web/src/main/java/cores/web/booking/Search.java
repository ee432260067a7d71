package cores.web.booking;

import cores.api.booking.BookableOrder;
import cores.api.booking.BookableQuery;
import cores.api.booking.BookableResults;
import cores.api.booking.Catalog;
import cores.web.Form;
import cores.web.Times;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The search page: its filters as the query string holds them (so the back button, bookmarks and
 * shared links keep them), the filters' choices and one page of results.
 *
 * @param problems the filters' values that were wrong (left out of the query), at their names
 */
public record Search(
    BookableQuery query,
    int offset,
    Catalog catalog,
    BookableResults results,
    Times times,
    boolean loggedIn,
    Form problems) {

  /** Results per page. */
  public static final int PAGE = 50;

  /** The order when none is asked for, which the page's links and form leave out of the URL. */
  public static final BookableOrder DEFAULT_ORDER = BookableOrder.HOSTNAME;

  /** The filters of the form by their labels, which name them in their problems. */
  private static final Map<String, String> FILTERS =
      Map.of(
          "free", "Free now",
          "nores", "Not reserved",
          "mine", "Hosts I own",
          "mygroup", "Hosts of my groups",
          "ordering", "Order",
          "building", "Building",
          "lab", "Lab",
          "htype", "Type",
          "hw", "Hardware");

  /**
   * The query of a request's parameters, without the values that are wrong: their problems go to
   * {@code problems} at the filter, naming it (an id that is no number, or a filter set aside,
   * {@link cores.api.web.RefusedQuery}: a NUL in it), so the page shows itself again with them;
   * what names no filter goes above the form.
   */
  static BookableQuery query(
      MultivaluedMap<String, String> parameters, Map<String, List<String>> refused, Form problems) {
    refused.forEach(
        (name, messages) ->
            messages.forEach(
                message -> {
                  if (FILTERS.containsKey(name)) {
                    problems.error(name, FILTERS.get(name) + ": " + message);
                  } else {
                    problems.general().add("Parameter " + name + ": " + message);
                  }
                }));
    return new BookableQuery(
        flag(parameters, "free"),
        flag(parameters, "nores"),
        flag(parameters, "mine"),
        flag(parameters, "mygroup"),
        ids(parameters, "building", problems),
        ids(parameters, "lab", problems),
        ids(parameters, "htype", problems),
        ids(parameters, "hw", problems),
        order(parameters, problems));
  }

  /**
   * The order: the API's {@code ordering} (any of {@link BookableOrder}), or {@code ipsort=1} (the
   * original's, which ordering wins over, as in the API); an ordering that names none is a problem
   * at the order's field, as the API refuses it, rather than silently the hostname order.
   */
  private static BookableOrder order(MultivaluedMap<String, String> parameters, Form problems) {
    String ordering = parameters.getFirst("ordering");
    if (ordering == null || ordering.isEmpty()) {
      return flag(parameters, "ipsort") ? BookableOrder.IP : DEFAULT_ORDER;
    }
    Optional<BookableOrder> order = BookableOrder.of(ordering);
    if (order.isEmpty()) {
      problems.error(
          "ordering",
          FILTERS.get("ordering")
              + ": must be one of "
              + BookableOrder.keys()
              + ", not "
              + ordering);
    }
    return order.orElse(DEFAULT_ORDER);
  }

  /**
   * The page's own address of a search whose request names the default order (the form's order
   * field is sent when no script leaves it out), so that the page can send the browser there; empty
   * when the request is already that short or has problems to show.
   */
  static Optional<String> shorter(
      MultivaluedMap<String, String> parameters, BookableQuery query, int at, Form problems) {
    if (problems.hasErrors() || !DEFAULT_ORDER.key().equals(parameters.getFirst("ordering"))) {
      return Optional.empty();
    }
    return Optional.of(href(query, at));
  }

  /** The orders the page offers: every one the API takes. */
  public List<BookableOrder> orders() {
    return List.of(BookableOrder.values());
  }

  private static boolean flag(MultivaluedMap<String, String> parameters, String name) {
    String value = parameters.getFirst(name);
    return value != null && (value.equals("1") || value.equals("on") || value.equals("true"));
  }

  private static List<Long> ids(
      MultivaluedMap<String, String> parameters, String name, Form problems) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String value : parameters.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          ids.add(Long.parseLong(part.strip()));
        } catch (NumberFormatException e) {
          problems.error(
              name, FILTERS.get(name) + ": must be ids (whole numbers), not " + part.strip());
        }
      }
    }
    return new ArrayList<>(ids);
  }

  /** The ids of the named filters' problems, for their fieldset; null when they have none. */
  public String describedBy(String... names) {
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      if (problems.invalid(name)) {
        ids.add(problems.describedBy(name));
      }
    }
    return ids.isEmpty() ? null : String.join(" ", ids);
  }

  /** Whether the filter of this name is on, for the form's checkboxes. */
  public boolean on(String name) {
    return on(query, name);
  }

  private static boolean on(BookableQuery query, String name) {
    return switch (name) {
      case "free" -> query.free();
      case "nores" -> query.nores();
      case "mine" -> query.mine();
      case "mygroup" -> query.mygroup();
      default -> false;
    };
  }

  public boolean building(long id) {
    return query.buildings().contains(id);
  }

  public boolean lab(long id) {
    return query.labs().contains(id);
  }

  public boolean hostType(long id) {
    return query.hostTypes().contains(id);
  }

  public boolean hardware(long id) {
    return query.hardware().contains(id);
  }

  /** Whether any filter is on. */
  public boolean filtered() {
    return !href(0).equals("/bookables");
  }

  /** This search at another offset. */
  public String href(int at) {
    return href(query, at);
  }

  private static String href(BookableQuery query, int at) {
    List<String> parts = new ArrayList<>();
    for (String name : List.of("free", "nores", "mine", "mygroup")) {
      if (on(query, name)) {
        parts.add(name + "=1");
      }
    }
    if (query.order() != DEFAULT_ORDER) {
      parts.add("ordering=" + URLEncoder.encode(query.order().key(), StandardCharsets.UTF_8));
    }
    add(parts, "building", query.buildings());
    add(parts, "lab", query.labs());
    add(parts, "htype", query.hostTypes());
    add(parts, "hw", query.hardware());
    if (at > 0) {
      parts.add("offset=" + at);
    }
    return parts.isEmpty() ? "/bookables" : "/bookables?" + String.join("&", parts);
  }

  private static void add(List<String> parts, String name, List<Long> ids) {
    for (Long id : ids) {
      parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + id);
    }
  }

  public boolean hasNext() {
    return offset + PAGE < results.count();
  }

  public boolean hasPrevious() {
    return offset > 0;
  }

  public String next() {
    return href(offset + PAGE);
  }

  public String previous() {
    return href(Math.max(0, offset - PAGE));
  }

  /** "51–100 of 230". */
  public String range() {
    if (results.rows().isEmpty()) {
      return "0 of " + results.count();
    }
    return (offset + 1) + "–" + (offset + results.rows().size()) + " of " + results.count();
  }
}
