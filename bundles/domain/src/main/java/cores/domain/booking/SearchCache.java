package cores.domain.booking;

import cores.api.booking.BookableOrder;
import cores.domain.sql.ChangeMarkers;
import cores.domain.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The bookable search from memory: every bookable's row ({@link BookableRows}) and the bookings and
 * reservations holding now ({@link Holdings}) are kept between requests, and each page is filtered,
 * counted, ordered and cut in Java (a page for everyone is kept with the rows and holdings it came
 * from: {@link BookableSearch.State}). They are used for a request only while they are provably
 * what PostgreSQL holds now, which one small statement per request checks:
 *
 * <ul>
 *   <li>no transaction that changed a table they were read from committed after the snapshot they
 *       were read in ({@link ChangeMarkers}: the markers are rows of the shared database, visible
 *       exactly when the change is, so this holds with several instances and without waiting for
 *       any message);
 *   <li>the request's time lies between the last start or end of a booking or reservation before
 *       the holdings were read and the next one after (free, nores, reserved and "Booked until"
 *       change only then);
 *   <li>the owners of the bookings on the page still have the usernames shown (the accounts
 *       bundle's users carry no marker of the domain's).
 * </ul>
 *
 * What fails is read again (the rows, the holdings or both) and the page computed anew; of the rows
 * only those that changed where the change allows ({@link BookableRows#refresh}); the rows and
 * holdings read during a request are right for it without a check. The group ids of a mygroup
 * search are read per request (the accounts bundle's memberships carry no marker). One instance (a
 * DS component) serves the REST API and the pages.
 */
@Component(service = SearchCache.class)
public final class SearchCache {
  /**
   * Rows and holdings are read again after this long whatever the checks say: far less than the day
   * {@code domain_change} keeps its rows, so no marker a check needs can be gone.
   */
  static final Duration MAX_AGE = Duration.ofHours(1);

  /** Whether the rows, the holdings and the usernames shown are still right (three columns). */
  private static final String UNCHANGED =
      "SELECT "
          + ChangeMarkers.UNCHANGED
          + " AS rows, "
          + ChangeMarkers.UNCHANGED
          + " AS holdings,"
          + " NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::text[]) AS o(id, name)"
          + " LEFT JOIN accounts_user_v1 u ON u.id = o.id WHERE u.username IS DISTINCT FROM o.name)"
          + " AS names";

  private static final String GROUPS =
      "SELECT group_id FROM accounts_membership_v1 WHERE user_id = ?";

  private static boolean rowsFor(BookableSearch.State state, Instant now) {
    return now.isBefore(state.rows().readAt.plus(MAX_AGE));
  }

  private static boolean holdingsFor(BookableSearch.State state, Instant now) {
    return state.holdings().hold(now) && now.isBefore(state.holdings().readAt().plus(MAX_AGE));
  }

  private final BookableSearch search;

  /** What is kept, replaced whole, never changed; null until the first search. */
  private volatile BookableSearch.State kept;

  /** Held while reading, so that the requests that find the kept parts stale read them once. */
  private final Object reading = new Object();

  /** The search in the site's zone, of the booking mails' configuration. */
  @Activate
  public SearchCache(@Reference BookingMail mail) {
    this(new BookableSearch(mail.zone()));
  }

  SearchCache(BookableSearch search) {
    this.search = search;
  }

  /** The search's page at {@code now}. */
  public BookableSearch.Result search(
      Sql sql, BookableSearch.Filters filters, Instant now, int limit, int offset) {
    Set<Long> groups =
        filters.mygroup() && filters.user() != null ? groups(sql, filters.user()) : Set.of();
    // PostgreSQL keeps microseconds: compared with the holdings' bounds at the same precision
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    BookableSearch.State seen = kept;
    // the parts known right for this request: read or checked during it (what this request read
    // itself is used as read, whatever the time says)
    BookableRows rightRows = null;
    Holdings rightHoldings = null;
    while (true) {
      boolean oldRows = seen == null || (seen.rows() != rightRows && !rowsFor(seen, at));
      boolean oldHoldings =
          seen == null || (seen.holdings() != rightHoldings && !holdingsFor(seen, at));
      if (oldRows || oldHoldings) {
        Read read = read(sql, seen, at, oldRows, oldHoldings);
        seen = read.kept();
        rightRows = read.rows() != null ? read.rows() : rightRows;
        rightHoldings = read.holdings() != null ? read.holdings() : rightHoldings;
        continue; // what another request read may be for another time
      }
      BookableSearch.Page page = search.page(seen, filters, groups, limit, offset);
      if (seen.rows() == rightRows && seen.holdings() == rightHoldings) {
        return page.result();
      }
      Map<String, Object> check = check(sql, seen, page.owners());
      if (Boolean.TRUE.equals(check.get("rows"))) {
        rightRows = seen.rows();
      }
      if (Boolean.TRUE.equals(check.get("holdings")) && Boolean.TRUE.equals(check.get("names"))) {
        rightHoldings = seen.holdings();
      }
      if (seen.rows() == rightRows && seen.holdings() == rightHoldings) {
        return page.result();
      }
      Read read = read(sql, seen, at, seen.rows() != rightRows, seen.holdings() != rightHoldings);
      seen = read.kept();
      rightRows = read.rows() != null ? read.rows() : rightRows;
      rightHoldings = read.holdings() != null ? read.holdings() : rightHoldings;
    }
  }

  /** One bookable's row as the search shows it at {@code now}, or null. */
  public Map<String, Object> one(Sql sql, long id, Instant now) {
    BookableSearch.Filters only =
        new BookableSearch.Filters(
            false,
            false,
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            false,
            false,
            BookableOrder.HOSTNAME,
            null,
            id);
    List<Map<String, Object>> rows = search(sql, only, now, 1, 0).rows();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * What {@link #read} left kept, and the parts it read itself (null for those it did not read, or
   * when another request had replaced what was kept).
   */
  private record Read(BookableSearch.State kept, BookableRows rows, Holdings holdings) {}

  /**
   * Reads the stale parts again, unless another request replaced what was kept since {@code seen}:
   * then that is returned, for the caller to check.
   */
  private Read read(
      Sql sql, BookableSearch.State seen, Instant now, boolean rows, boolean holdings) {
    synchronized (reading) {
      BookableSearch.State current = kept;
      if (current != seen) {
        return new Read(current, null, null);
      }
      BookableRows readRows = rows ? rows(sql, seen, now) : null;
      Holdings readHoldings = holdings ? Holdings.read(sql, now) : null;
      kept =
          BookableSearch.State.of(
              readRows != null ? readRows : seen.rows(),
              readHoldings != null ? readHoldings : seen.holdings());
      return new Read(kept, readRows, readHoldings);
    }
  }

  /**
   * The rows as they stand now: only what changed is read while the rows kept are younger than
   * {@link #MAX_AGE} (they are read again because a check found them changed), all of them
   * otherwise or when the change cannot be followed row by row.
   */
  private static BookableRows rows(Sql sql, BookableSearch.State seen, Instant now) {
    if (seen != null && rowsFor(seen, now)) {
      BookableRows refreshed = seen.rows().refresh(sql);
      if (refreshed != null) {
        return refreshed;
      }
    }
    return BookableRows.read(sql, now);
  }

  private static Map<String, Object> check(
      Sql sql, BookableSearch.State kept, Map<Long, String> owners) {
    List<Long> ids = new ArrayList<>(owners.keySet());
    List<Object> params =
        new ArrayList<>(ChangeMarkers.unchanged(BookableRows.TABLES, kept.rows().snapshot));
    params.addAll(ChangeMarkers.unchanged(Holdings.TABLES, kept.holdings().snapshot()));
    params.add(ids.toArray(Long[]::new));
    params.add(ids.stream().map(owners::get).toArray(String[]::new));
    return sql.row(UNCHANGED, params);
  }

  private static Set<Long> groups(Sql sql, long user) {
    Set<Long> groups = new HashSet<>();
    for (Map<String, Object> row : sql.rows(GROUPS, List.of(user))) {
      groups.add((Long) row.get("group_id"));
    }
    return groups;
  }
}
