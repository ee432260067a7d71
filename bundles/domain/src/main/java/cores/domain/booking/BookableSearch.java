package cores.domain.booking;

import cores.api.booking.BookableOrder;
import cores.api.booking.BookableQuery;
import cores.api.web.FieldErrors;
import cores.api.web.JsonRow;
import cores.domain.inventory.Ids;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bookables list: its filters, and its pages computed from every bookable's row ({@link
 * BookableRows}) and the bookings and reservations holding at the request time ({@link Holdings}),
 * which {@link SearchCache} keeps and checks. The total counts every match, also for a page past
 * the end. The original evaluated free/nores row by row and froze "now" at process start.
 */
public final class BookableSearch {
  /** The day of "Booked until …", as the original wrote it. */
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yy");

  /**
   * The original's {@code ordering} values (its one ordering field was the model path {@code
   * host__hostname}), which its clients still send, to ours.
   */
  private static final Map<String, String> ORIGINAL_ORDERS =
      Map.of("host__hostname", "hostname", "-host__hostname", "-hostname");

  /** Where the day of "Booked until …" is counted (CORES_TIME_ZONE). */
  private final ZoneId zone;

  public BookableSearch(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * The filters of API.md.
   *
   * @param user the asking user's id, or null when anonymous (mine/mygroup then match nothing)
   * @param ordering the order of the rows ({@code ordering}; ipsort=1 means ip)
   * @param bookable one bookable's id (its detail page), or null for the list
   */
  public record Filters(
      boolean active,
      boolean mine,
      boolean mygroup,
      List<Long> labs,
      List<Long> buildings,
      List<Long> hardware,
      List<Long> hostTypes,
      boolean nores,
      boolean free,
      BookableOrder ordering,
      Long user,
      Long bookable) {

    /** From query parameters; 400 naming the parameter for bad values. */
    public static Filters of(Map<String, String> query, Long user) {
      FieldErrors errors = new FieldErrors();
      BookableOrder ordering = BookableOrder.HOSTNAME;
      if (flag(query, "ipsort", errors) && !query.containsKey("ordering")) {
        ordering = BookableOrder.IP;
      }
      if (query.containsKey("ordering")) {
        Optional<BookableOrder> named =
            BookableOrder.of(
                ORIGINAL_ORDERS.getOrDefault(query.get("ordering"), query.get("ordering")));
        if (named.isEmpty()) {
          errors.check("ordering", "one of " + BookableOrder.keys());
        }
        ordering = named.orElse(BookableOrder.HOSTNAME);
      }
      Filters filters =
          new Filters(
              flag(query, "active", errors),
              flag(query, "mine", errors),
              flag(query, "mygroup", errors),
              ids(query, "lab", errors),
              ids(query, "building", errors),
              ids(query, "hw", errors),
              ids(query, "htype", errors),
              flag(query, "nores", errors),
              flag(query, "free", errors),
              ordering,
              user,
              null);
      errors.throwIfAny();
      return filters;
    }

    /** The filters of the site's search page: active bookables, the asker's id for mine/mygroup. */
    public static Filters of(BookableQuery query, Optional<Long> user) {
      return new Filters(
          true,
          query.mine(),
          query.mygroup(),
          query.labs(),
          query.buildings(),
          query.hardware(),
          query.hostTypes(),
          query.nores(),
          query.free(),
          query.order(),
          user.orElse(null),
          null);
    }

    /** Whether the rows depend on who asks (mine, mygroup). */
    public boolean personal() {
      return mine || mygroup;
    }

    /** These filters with no user: the same rows for everyone unless {@link #personal()}. */
    public Filters anyone() {
      return new Filters(
          active, mine, mygroup, labs, buildings, hardware, hostTypes, nores, free, ordering, null,
          bookable);
    }

    private static boolean flag(Map<String, String> query, String name, FieldErrors errors) {
      String value = query.get(name);
      if (value == null || value.isEmpty()) {
        return false;
      }
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "1", "true", "yes", "on" -> true;
        case "0", "false", "no", "off" -> false;
        default -> {
          errors.check(name, "must be 1 or 0 (true or false)");
          yield false;
        }
      };
    }

    private static List<Long> ids(Map<String, String> query, String name, FieldErrors errors) {
      String value = query.get(name);
      return value == null || value.isEmpty() ? List.of() : Ids.parse(name, value, errors);
    }
  }

  /** One page and the number of all matching bookables. */
  public record Result(long count, List<Map<String, Object>> rows) {}

  /**
   * A page and, for checking that it is still right, the owners of the bookings it shows.
   *
   * @param owners the owner's id of each booking holding now on the page, with the username shown
   */
  record Page(Result result, Map<Long, String> owners) {}

  /**
   * The rows and the holdings at one time, with the places of the rows booked and reserved then:
   * computed once for the pair, so that testing free and nores per row looks nothing up.
   *
   * @param pages the pages computed from this pair for everyone (not mine, mygroup), at most {@link
   *     #PAGES}, the least recently used dropped first: a page asked again (a link shared, the
   *     site's default search) is not filtered again. They go with the pair: a pair read anew
   *     starts without pages.
   */
  record State(
      BookableRows rows,
      Holdings holdings,
      BitSet booked,
      BitSet reserved,
      Map<PageKey, Page> pages) {
    static State of(BookableRows rows, Holdings holdings) {
      BitSet booked = new BitSet(rows.size());
      BitSet reserved = new BitSet(rows.size());
      for (BookableRows.Row row : rows.in(BookableOrder.HOSTNAME)) {
        booked.set(row.index(), holdings.booked().containsKey(row.id()));
        reserved.set(row.index(), holdings.reserved().contains(row.id()));
      }
      Map<PageKey, Page> pages =
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PageKey, Page> eldest) {
              return size() > PAGES;
            }
          };
      return new State(rows, holdings, booked, reserved, Collections.synchronizedMap(pages));
    }
  }

  /** Pages kept with a {@link State}: at most about 2 MB of row references and values. */
  static final int PAGES = 256;

  private record PageKey(Filters filters, int limit, int offset) {}

  /** The page, kept with the state unless it is one user's (mine, mygroup). */
  Page page(State state, Filters filters, Set<Long> groups, int limit, int offset) {
    if (filters.personal()) {
      return compute(state, filters, groups, limit, offset);
    }
    PageKey key = new PageKey(filters.anyone(), limit, offset);
    Page page = state.pages().get(key);
    if (page == null) {
      page = compute(state, filters, groups, limit, offset);
      state.pages().put(key, page);
    }
    return page;
  }

  /**
   * The page of the bookables matching the filters, in the filters' order, from the rows and the
   * bookings and reservations holding now: every row is tested, so the count is exact.
   *
   * @param groups the asking user's groups (for mygroup)
   */
  private Page compute(State state, Filters filters, Set<Long> groups, int limit, int offset) {
    List<Map<String, Object>> page = new ArrayList<>(Math.min(limit, 100));
    Map<Long, String> owners = new HashMap<>();
    long count = 0;
    BookableRows.Row[] candidates;
    if (filters.bookable() != null) {
      BookableRows.Row one = state.rows().row(filters.bookable());
      candidates = one == null ? new BookableRows.Row[0] : new BookableRows.Row[] {one};
    } else {
      candidates = state.rows().in(filters.ordering());
    }
    Match test = new Match(filters, groups, state);
    for (BookableRows.Row row : candidates) {
      if (!test.matches(row)) {
        continue;
      }
      if (count >= offset && count - offset < limit) {
        page.add(shape(row, state.holdings(), owners));
      }
      count++;
    }
    return new Page(new Result(count, List.copyOf(page)), Collections.unmodifiableMap(owners));
  }

  /**
   * The filters of API.md on one row, with the ids as arrays (each list matches any of its ids, an
   * empty list all; a missing id, -1, matches none).
   */
  private static final class Match {
    private final Filters filters;
    private final long user;
    private final long[] groups;
    private final long[] labs;
    private final long[] buildings;
    private final long[] hardware;
    private final long[] hostTypes;
    private final BitSet booked;
    private final BitSet reserved;

    Match(Filters filters, Set<Long> groups, State state) {
      this.filters = filters;
      this.user = filters.user() == null ? -1 : filters.user();
      this.groups = longs(groups);
      this.labs = longs(filters.labs());
      this.buildings = longs(filters.buildings());
      this.hardware = longs(filters.hardware());
      this.hostTypes = longs(filters.hostTypes());
      this.booked = state.booked();
      this.reserved = state.reserved();
    }

    boolean matches(BookableRows.Row row) {
      return (!filters.active() || row.active())
          && (!filters.mine() || (row.owner() != -1 && row.owner() == user))
          && (!filters.mygroup() || among(row.group(), groups))
          && (labs.length == 0 || among(row.lab(), labs))
          && (buildings.length == 0 || among(row.building(), buildings))
          && (hardware.length == 0 || among(row.hardware(), hardware))
          && (hostTypes.length == 0 || among(row.hostType(), hostTypes))
          && (!filters.nores() || !reserved.get(row.index()))
          && (!filters.free() || !booked.get(row.index()));
    }

    private static boolean among(long id, long[] ids) {
      if (id == -1) {
        return false;
      }
      for (long one : ids) {
        if (one == id) {
          return true;
        }
      }
      return false;
    }

    private static long[] longs(java.util.Collection<Long> ids) {
      return ids.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** The JSON Schema of a row as {@link #shape} leaves it (published by the bookable resource). */
  public static Map<String, Object> rowSchema() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("id", type("integer"));
    properties.put("host", type("integer"));
    properties.put("status", Map.of("type", "string", "enum", Bookables.STATUSES));
    properties.put("comment", type("string"));
    properties.put("hostname", type("string"));
    properties.put("ip", Map.of("type", List.of("string", "null"), "format", "inet"));
    properties.put("hardware", described("string", "\"[type] model\""));
    properties.put(
        "rack", described(List.of("string", "null"), "\"<number> in <building>/<lab>\""));
    properties.put("hardware_id", type("integer"));
    properties.put("hardware_name", type("string"));
    properties.put("rack_id", type(List.of("integer", "null")));
    properties.put("rack_number", type(List.of("integer", "null")));
    properties.put("lab", type(List.of("integer", "null")));
    properties.put("lab_name", type(List.of("string", "null")));
    properties.put("building", type(List.of("integer", "null")));
    properties.put("building_code", type(List.of("string", "null")));
    properties.put(
        "booked_until", Map.of("type", List.of("string", "null"), "format", "date-time"));
    properties.put("booked_by", type(List.of("string", "null")));
    properties.put("reserved", type("boolean"));
    properties.put(
        "cards",
        Map.of(
            "type",
            "array",
            "items",
            Map.of(
                "type",
                "object",
                "properties",
                Map.of(
                    "id", type("integer"),
                    "cardtype__name", type("string"),
                    "details", type("string")),
                "required",
                List.of("id", "cardtype__name", "details"),
                "additionalProperties",
                false)));
    properties.put(
        "booked",
        Map.of(
            "type",
            List.of("string", "boolean"),
            "description",
            "\"Booked until dd/mm/yy by <user>\", or false"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", "a row of the bookable search");
    schema.put("properties", properties);
    schema.put("required", List.copyOf(properties.keySet()));
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> type(Object type) {
    return Map.of("type", type);
  }

  private static Map<String, Object> described(Object type, String description) {
    return Map.of("type", type, "description", description);
  }

  /** The keys of a row of the answer, in its order. */
  private static final JsonRow.Keys KEYS = keys();

  private static JsonRow.Keys keys() {
    List<String> keys = new ArrayList<>(BookableRows.COLUMNS);
    keys.addAll(List.of("booked_until", "booked_by", "reserved", "cards", "booked"));
    return JsonRow.keys(keys);
  }

  /**
   * The original's row shape: beside the row's columns {@code cards} a list of {@code {id,
   * cardtype__name, details}}, {@code booked} "Booked until dd/mm/yy by username" (the end's day in
   * {@link #zone}) or false; the end and the username as such in {@code booked_until} and {@code
   * booked_by}. The owner shown is added to {@code owners}.
   */
  private JsonRow shape(BookableRows.Row row, Holdings holdings, Map<Long, String> owners) {
    Object[] values = Arrays.copyOf(row.values(), KEYS.size());
    int next = row.values().length;
    Holdings.Booked booked = holdings.booked().get(row.id());
    values[next++] = booked == null ? null : booked.end();
    values[next++] = booked == null ? null : booked.username();
    values[next++] = holdings.reserved().contains(row.id());
    values[next++] = row.cards();
    values[next] =
        booked == null
            ? Boolean.FALSE
            : "Booked until " + DAY.format(booked.end().atZone(zone)) + " by " + booked.username();
    if (booked != null) {
      owners.put(booked.owner(), booked.username());
    }
    return KEYS.row(values);
  }
}
