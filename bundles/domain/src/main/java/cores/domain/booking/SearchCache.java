package cores.domain.booking;

import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pages of the bookable search kept between requests, for everyone asking the same filters (the
 * booking page is read far more often than bookings change). A page is served again only while it
 * is provably what the search would answer now:
 *
 * <ul>
 *   <li>no transaction that changed a table the search reads committed after the snapshot the page
 *       was computed in ({@link ChangeMarkers}: this holds with several instances and without
 *       waiting for any message);
 *   <li>no booking or reservation started or ended since (free, nores, reserved and "Booked until"
 *       only change then);
 *   <li>the owners of the bookings shown still have the usernames shown (the accounts bundle's
 *       users have no trigger of the domain's).
 * </ul>
 *
 * Checking costs one small statement; a page that fails the check is computed again. Searches for
 * one user ({@code mine}, {@code mygroup}) are not kept. One instance (a DS component) serves the
 * REST API and the pages, so a page computed for one is there for the other.
 */
@Component(service = SearchCache.class)
public final class SearchCache {
  /**
   * Rows kept at most by default (about 10 MB), the least recently used pages dropped first; a page
   * counts at least one row, so empty pages are bounded too.
   */
  static final int ROWS = 10_000;

  /**
   * A page is computed again after this long whatever the checks say: far less than the day {@code
   * domain_change} keeps its rows.
   */
  static final Duration MAX_AGE = Duration.ofHours(1);

  /**
   * The snapshot to compare later pages with, and the next instant a booking or reservation starts
   * or ends: computed in the page's own statement, so the snapshot is exactly the one the page was
   * read in (a change committed after it counts as later, and the page is computed once more).
   */
  private static final Map<String, String> STATE = state();

  private static Map<String, String> state() {
    Map<String, String> state = new LinkedHashMap<>();
    state.put("snapshot", ChangeMarkers.SNAPSHOT);
    state.put(
        "until",
        "least((SELECT min(start_time) FROM booking_booking WHERE start_time > ?),"
            + " (SELECT min(end_time) FROM booking_booking WHERE end_time > ?),"
            + " (SELECT min(start_time) FROM booking_reservation WHERE start_time > ?),"
            + " (SELECT min(end_time) FROM booking_reservation WHERE end_time > ?))");
    return Collections.unmodifiableMap(state);
  }

  /** The tables the search reads besides the accounts bundle's users. */
  private static final List<String> READS =
      List.of(
          "booking_bookable",
          "booking_booking",
          "booking_reservation",
          "inventory_host",
          "inventory_rack",
          "inventory_lab",
          "inventory_hosthardware",
          "inventory_card",
          "inventory_cardtype");

  /** Whether a page computed in a snapshot is still right (besides the time). */
  private static final String UNCHANGED =
      "SELECT "
          + ChangeMarkers.UNCHANGED
          + " AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::text[]) AS o(id, name)"
          + " LEFT JOIN accounts_user_v1 u ON u.id = o.id WHERE u.username IS DISTINCT FROM o.name)"
          + " AS unchanged";

  private record Key(BookableSearch.Filters filters, int limit, int offset) {}

  private record Kept(BookableSearch.Result result, String snapshot, Instant from, Instant until) {
    int rows() {
      return Math.max(1, result.rows().size());
    }
  }

  private final BookableSearch search;

  /** In access order, so the first is the least recently used. */
  private final Map<Key, Kept> pages = new LinkedHashMap<>(64, 0.75f, true);

  private final int budget;
  private int rows;

  /** The search in the site's zone, of the booking mails' configuration. */
  @Activate
  public SearchCache(@Reference BookingMail mail) {
    this(new BookableSearch(mail.zone()), ROWS);
  }

  SearchCache(BookableSearch search) {
    this(search, ROWS);
  }

  /** A cache of at most {@code budget} rows, more than a page can have. */
  SearchCache(BookableSearch search, int budget) {
    this.search = search;
    this.budget = budget;
  }

  /** The search itself, for what is not kept (one bookable's row). */
  public BookableSearch search() {
    return search;
  }

  /** The search's page at {@code now}, from the cache when it is still right. */
  public BookableSearch.Result search(
      Sql sql, BookableSearch.Filters filters, Instant now, int limit, int offset) {
    if (filters.personal()) {
      return search.search(sql, filters, now, limit, offset);
    }
    Key key = new Key(filters.anyone(), limit, offset);
    Kept page = get(key);
    if (page != null
        && !now.isBefore(page.from())
        && now.isBefore(page.until())
        && unchanged(sql, page)) {
      return page.result();
    }
    BookableSearch.Stated stated =
        search.search(sql, filters, now, limit, offset, STATE, List.of(now, now, now, now));
    Map<String, Object> state = stated.columns();
    BookableSearch.Result result = frozen(stated.result());
    Instant until = now.plus(MAX_AGE);
    if (state.get("until") instanceof Instant next && next.isBefore(until)) {
      until = next;
    }
    put(key, new Kept(result, (String) state.get("snapshot"), now, until));
    return result;
  }

  private static boolean unchanged(Sql sql, Kept page) {
    List<Long> ids = new ArrayList<>(page.result().owners().keySet());
    List<String> names = ids.stream().map(page.result().owners()::get).toList();
    List<Object> params = new ArrayList<>(ChangeMarkers.unchanged(READS, page.snapshot()));
    params.add(ids.toArray(Long[]::new));
    params.add(names.toArray(String[]::new));
    return Boolean.TRUE.equals(sql.row(UNCHANGED, params).get("unchanged"));
  }

  /** The result as shared between requests: nobody may change its rows afterwards. */
  private static BookableSearch.Result frozen(BookableSearch.Result result) {
    return new BookableSearch.Result(
        result.count(),
        result.rows().stream().map(Collections::unmodifiableMap).toList(),
        // a deleted owner's username is null
        Collections.unmodifiableMap(new HashMap<>(result.owners())));
  }

  private synchronized Kept get(Key key) {
    return pages.get(key);
  }

  private synchronized void put(Key key, Kept page) {
    Kept replaced = pages.put(key, page);
    rows += page.rows() - (replaced == null ? 0 : replaced.rows());
    // a page has fewer rows than the budget: the new page itself, the last, stays
    Iterator<Kept> eldest = pages.values().iterator();
    while (rows > budget) {
      rows -= eldest.next().rows();
      eldest.remove();
    }
  }
}
