package cores.domain.live;

import cores.api.accounts.Permissions;
import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import cores.domain.inventory.Names;
import cores.domain.inventory.Schemas;
import cores.domain.sql.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live lists and views: conflicts, offline warnings, scan sessions and virtual hosts (filtered,
 * one page), every NIC's MAC, and the dashboard's facts.
 */
public final class LiveLists {
  /** The permission to see offline host warnings, which viewing the conflicts does not imply. */
  public static final String VIEW_WARNINGS = Permissions.of("live", "view", "offlinehostwarning");

  private static final Set<String> STATUSES =
      Set.of(
          ConflictStatus.NEW, ConflictStatus.RESOLVED, ConflictStatus.IGNORE, ConflictStatus.SUPER);

  /** A conflict's or a warning's status. */
  static final Map<String, Object> STATUS =
      JsonShape.oneOf(
          List.of(
              ConflictStatus.NEW,
              ConflictStatus.RESOLVED,
              ConflictStatus.IGNORE,
              ConflictStatus.SUPER));

  /** A lab's name as "building/lab", null without a lab. */
  static final Map<String, Object> LOCATION =
      JsonShape.described(JsonShape.nullable(JsonShape.STRING), "\"<building>/<lab>\"");

  private static final Map<String, Object> COUNT = Map.of("type", "integer", "minimum", 0);

  /** A row of {@link #WARNING_COLUMNS}, as the API answers it. */
  public static final JsonShape WARNING =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("host", JsonShape.INTEGER)
          .with("hostname", JsonShape.STRING)
          .with("status", STATUS)
          .with(
              "lastseen",
              JsonShape.described(
                  JsonShape.nullable(JsonShape.DATE_TIME), "the host's, when warned; null: never"))
          .with("timestamp", JsonShape.described(JsonShape.DATE_TIME, "when warned"))
          .with("location", LOCATION);

  /** A warning, and the lab of its host's rack as "building/lab" ({@code location}). */
  private static final String WARNING_COLUMNS =
      "SELECT w.id, w.host_id AS host, h.hostname, w.status, w.lastseen,"
          + " w.created AS \"timestamp\", "
          + Names.lab("l", "bd")
          + " AS location"
          + " FROM live_offlinehostwarning w JOIN inventory_host h ON h.id = w.host_id"
          + " LEFT JOIN inventory_rack r ON r.id = h.rack_id"
          + " LEFT JOIN inventory_lab l ON l.id = r.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id";

  /** Rows of one page and the count of all rows matching. */
  public record Slice(long count, List<Map<String, Object>> rows) {}

  /** How conflicts are listed. */
  public enum Order {
    /** Last seen most recently first. */
    NEWEST(" ORDER BY c.lastseen DESC, c.id DESC"),
    /** By lab (those in none last), then IP, as the original's unknown-devices page. */
    PLACE(" ORDER BY location NULLS LAST, c.ip, c.id");

    private final String clause;

    Order(String clause) {
      this.clause = clause;
    }
  }

  /** Conflicts, newest first; {@code kind} and {@code status} filter when not null. */
  public Slice conflicts(Sql sql, String kind, String status, int limit, int offset) {
    return conflicts(sql, kind, status, Order.NEWEST, limit, offset);
  }

  /** Conflicts in that order; {@code kind} and {@code status} filter when not null. */
  public Slice conflicts(Sql sql, String kind, String status, Order order, int limit, int offset) {
    FieldErrors errors = new FieldErrors();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (kind != null) {
      errors.check("kind", ConflictKind.of(kind) == null ? "one of unknown, nic, location" : null);
      where.add("c.kind = ?");
      params.add(kind);
    }
    status(status, "c.status", where, params, errors);
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return slice(
        sql,
        "SELECT count(*) AS n FROM live_scanconflict c" + condition,
        ConflictActions.COLUMNS + condition + order.clause,
        params,
        limit,
        offset);
  }

  /** Offline host warnings, newest first; {@code status} filters when not null. */
  public Slice warnings(Sql sql, String status, int limit, int offset) {
    FieldErrors errors = new FieldErrors();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    status(status, "w.status", where, params, errors);
    errors.throwIfAny();
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return slice(
        sql,
        "SELECT count(*) AS n FROM live_offlinehostwarning w" + condition,
        WARNING_COLUMNS + condition + " ORDER BY w.created DESC, w.id DESC",
        params,
        limit,
        offset);
  }

  /**
   * What setting a warning's status would do, read without changing it: null when it changes it,
   * else why it leaves it as it is (ignoring an ignored warning); {@link #setWarningStatus}'s
   * refusal when it cannot (the warning is closed, or gone).
   */
  public String unchangedWarning(Sql sql, long id, String status) {
    Map<String, Object> row =
        sql.row("SELECT status FROM live_offlinehostwarning WHERE id = ?", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No offline host warning with id " + id + ".");
    }
    if (ConflictStatus.IGNORE.equals(status) && status.equals(row.get("status"))) {
      return "already ignored";
    }
    ConflictStatus.requireOpen("Offline host warning " + id, row.get("status"));
    return null;
  }

  /**
   * The warning, after setting its status (resolved or ignore) as a conflict's: 404 if there is
   * none, 409 unless it is open.
   */
  public Map<String, Object> setWarningStatus(Sql sql, long id, String status) {
    Map<String, Object> row =
        sql.row("SELECT status FROM live_offlinehostwarning WHERE id = ? FOR UPDATE", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No offline host warning with id " + id + ".");
    }
    ConflictStatus.requireOpen("Offline host warning " + id, row.get("status"));
    sql.update("UPDATE live_offlinehostwarning SET status = ? WHERE id = ?", List.of(status, id));
    return sql.row(WARNING_COLUMNS + " WHERE w.id = ?", List.of(id));
  }

  /** The outcomes a scan's entries are counted by (ScanEntries' kinds; bad: not usable). */
  private static final List<String> OUTCOMES =
      List.of("nic", "unknown", "virtual", "ignored", "bad");

  /**
   * A scan session as the lists show it, the original's names first (timestamp, agent_identifier,
   * processed); then when it was received, its number of entries, the conflicts it raised (still
   * pointing at it), and its counts by outcome as {@code count_<outcome>} (see {@link #counts}).
   */
  private static final String SESSION_COLUMNS =
      "SELECT s.id, s.scanned AS \"timestamp\", s.agent AS agent_identifier, s.processed,"
          + " s.created AS received,"
          + " (SELECT count(*) FROM live_scanconflict c WHERE c.session_id = s.id) AS conflicts"
          + OUTCOMES.stream()
              .map(o -> ", coalesce((s.counts ->> '" + o + "')::bigint, 0) AS count_" + o)
              .collect(java.util.stream.Collectors.joining());

  /** A session's counts of entries by outcome. */
  private static final JsonShape COUNTS = outcomes();

  /** A row of {@link #sessions}, as the API answers it. */
  public static final JsonShape SESSION =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("timestamp", JsonShape.described(JsonShape.DATE_TIME, "when scanned"))
          .with("agent_identifier", JsonShape.STRING)
          .with("processed", JsonShape.BOOLEAN)
          .with("received", JsonShape.DATE_TIME)
          .with("conflicts", JsonShape.described(COUNT, "those raised still pointing at it"))
          .with("entries", COUNT)
          .with("counts", COUNTS.schema("entries by outcome"));

  /** A line of a scan's report: the entry's number, what it named, what became of it. */
  public static final JsonShape LINE =
      JsonShape.of()
          .with("entry", JsonShape.described(COUNT, "its place in the scan, from 0"))
          .with("mac", JsonShape.nullable(Schemas.MAC))
          .with("nic", JsonShape.described(JsonShape.nullable(JsonShape.INTEGER), "a NIC id"))
          .with("ip", JsonShape.nullable(Schemas.IP))
          .with("status", JsonShape.STRING);

  /** One session as {@link #session} answers it. */
  public static final JsonShape SESSION_DETAIL =
      SESSION
          .with("raw_data", JsonShape.described(JsonShape.STRING, "the scan as sent, JSON text"))
          .with("results", JsonShape.arrayOf(LINE.schema("a line of the scan's report")));

  /** A row of {@link #virtualHosts}. */
  public static final JsonShape VIRTUAL_HOST =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("mac", Schemas.MAC)
          .with("ip", Schemas.IP)
          .with("lab", JsonShape.nullable(JsonShape.INTEGER))
          .with("location", LOCATION)
          .with("status", JsonShape.oneOf(List.of("active", "old")))
          .with("firstseen", JsonShape.DATE_TIME)
          .with("lastseen", JsonShape.DATE_TIME);

  /** The last scan of the {@link #dashboard}. */
  private static final JsonShape LAST_SCAN =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("timestamp", JsonShape.DATE_TIME)
          .with("agent_identifier", JsonShape.STRING)
          .with("processed", JsonShape.BOOLEAN);

  /** The open conflicts of the {@link #dashboard} by kind, and their total. */
  private static final JsonShape OPEN_CONFLICTS =
      JsonShape.of()
          .with(ConflictKind.UNKNOWN.kind, COUNT)
          .with(ConflictKind.NIC.kind, COUNT)
          .with(ConflictKind.LOCATION.kind, COUNT)
          .with("total", COUNT);

  /** The {@link #dashboard}'s facts. */
  public static final JsonShape DASHBOARD =
      JsonShape.of()
          .with("last_scan", JsonShape.nullable(LAST_SCAN.schema("the last scan; null: none yet")))
          .with("conflicts", OPEN_CONFLICTS.schema("open conflicts by kind"))
          .with("offline_warnings", JsonShape.described(COUNT, "open ones"))
          .with("attention", JsonShape.described(COUNT, "open conflicts and warnings"))
          .with("nics", COUNT);

  /** A row of {@link #macs}. */
  public static final JsonShape NIC_MAC =
      JsonShape.of()
          .with("id", JsonShape.described(JsonShape.INTEGER, "a NIC id"))
          .with("mac", Schemas.MAC);

  private static JsonShape outcomes() {
    JsonShape counts = JsonShape.of();
    for (String outcome : OUTCOMES) {
      counts = counts.with(outcome, COUNT);
    }
    return counts;
  }

  private static final String VIRTUAL_COLUMNS =
      "SELECT v.id, v.mac::text AS mac, host(v.ip) AS ip, v.lab_id AS lab, "
          + Names.lab("l", "bd")
          + " AS location, v.status, v.firstseen, v.lastseen FROM live_virtualhost v"
          + " LEFT JOIN inventory_lab l ON l.id = v.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id";

  /** Scan sessions, newest first; {@code agent} filters when not null. */
  public Slice sessions(Sql sql, String agent, int limit, int offset) {
    List<Object> params = new ArrayList<>();
    String condition = "";
    if (agent != null) {
      condition = " WHERE s.agent = ?";
      params.add(agent);
    }
    Slice slice =
        slice(
            sql,
            "SELECT count(*) AS n FROM live_scansession s" + condition,
            SESSION_COLUMNS
                + " FROM live_scansession s"
                + condition
                + " ORDER BY s.scanned DESC, s.id DESC",
            params,
            limit,
            offset);
    slice.rows().forEach(LiveLists::counts);
    return slice;
  }

  /**
   * One scan session with its report's lines ({@code results}: entry, mac, nic, ip, status) and the
   * data as the agent sent it ({@code raw_data}, JSON text as the original kept it); null if there
   * is none.
   */
  public Map<String, Object> session(Sql sql, long id) {
    Map<String, Object> session =
        sql.row(
            SESSION_COLUMNS + ", s.data::text AS raw_data FROM live_scansession s WHERE s.id = ?",
            List.of(id));
    if (session == null) {
      return null;
    }
    counts(session);
    session.put(
        "results",
        sql.rows(
            "SELECT (e ->> 'entry')::integer AS entry, e ->> 'mac' AS mac,"
                + " (e ->> 'nic')::bigint AS nic, e ->> 'ip' AS ip, e ->> 'status' AS status"
                + " FROM live_scansession s, jsonb_array_elements(s.result -> 'entries') e"
                + " WHERE s.id = ? ORDER BY 1",
            List.of(id)));
    return session;
  }

  /** The {@code count_<outcome>} columns as {@code counts} and their sum as {@code entries}. */
  private static void counts(Map<String, Object> row) {
    Map<String, Object> counts = new LinkedHashMap<>();
    long entries = 0;
    for (String outcome : COUNTS.keys()) {
      long n = (Long) row.remove("count_" + outcome);
      counts.put(outcome, n);
      entries += n;
    }
    row.put("entries", entries);
    row.put("counts", counts);
  }

  /**
   * Virtual hosts seen by scans (locally administered MACs), by lab then IP as the original listed
   * them; {@code status} (active, old) and {@code labs} filter when given.
   */
  public Slice virtualHosts(Sql sql, String status, List<Long> labs, int limit, int offset) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (status != null) {
      if (!List.of("active", "old").contains(status)) {
        throw FieldErrors.single("status", "one of active, old");
      }
      where.add("v.status = ?");
      params.add(status);
    }
    if (!labs.isEmpty()) {
      where.add("v.lab_id = ANY (?::bigint[])");
      params.add(Sql.array(labs));
    }
    String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return slice(
        sql,
        "SELECT count(*) AS n FROM live_virtualhost v" + condition,
        VIRTUAL_COLUMNS + condition + " ORDER BY location NULLS LAST, v.ip, v.id",
        params,
        limit,
        offset);
  }

  /**
   * The live dashboard's facts in one statement, as the original's dashboard showed them: the last
   * scan (or null), the open conflicts by kind, the open offline warnings, their sum ({@code
   * attention}, the original's count), and the number of NICs.
   */
  public Map<String, Object> dashboard(Sql sql) {
    Map<String, Object> row =
        sql.row(
            "SELECT s.id, s.scanned, s.agent, s.processed, c.unknown, c.nic, c.location,"
                + " (SELECT count(*) FROM live_offlinehostwarning WHERE status = 'new') AS offline,"
                + " (SELECT count(*) FROM inventory_nic) AS nics"
                + " FROM (SELECT count(*) FILTER (WHERE kind = 'unknown') AS unknown,"
                + " count(*) FILTER (WHERE kind = 'nic') AS nic,"
                + " count(*) FILTER (WHERE kind = 'location') AS location"
                + " FROM live_scanconflict WHERE status = 'new') c"
                + " LEFT JOIN LATERAL (SELECT id, scanned, agent, processed FROM live_scansession"
                + " ORDER BY scanned DESC, id DESC LIMIT 1) s ON true",
            List.of());
    Map<String, Object> last =
        row.get("id") == null
            ? null
            : LAST_SCAN.values(
                row.get("id"), row.get("scanned"), row.get("agent"), row.get("processed"));
    long unknown = (Long) row.get("unknown");
    long nic = (Long) row.get("nic");
    long location = (Long) row.get("location");
    long open = unknown + nic + location;
    long offline = (Long) row.get("offline");
    return DASHBOARD.values(
        last,
        OPEN_CONFLICTS.values(unknown, nic, location, open),
        offline,
        open + offline,
        row.get("nics"));
  }

  /** A lab {@code l} of building {@code bd} as "building/lab". */
  private static final String LAB = Names.lab("l", "bd");

  /** Hosts and unseen devices, each with its lab ({@code location}) and IP ({@code addr}). */
  private static final String HOSTS_AND_DEVICES =
      "(SELECT h.id AS host, h.hostname, NULL::text AS mac, h.ip AS addr, "
          + Names.hardware("hw", "ht")
          + " AS hardware, h.lastseen, h.status::text AS status, b.status::text AS bookable, "
          + LAB
          + " AS location FROM inventory_host h"
          + Names.HOST_PLACE
          + " LEFT JOIN booking_bookable b ON b.host_id = h.id"
          + " UNION ALL SELECT NULL, NULL, c.mac::text, c.ip, NULL, c.lastseen, 'unknown mac',"
          + " NULL, "
          + LAB
          + " FROM live_scanconflict c LEFT JOIN inventory_lab l ON l.id = c.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id"
          + " WHERE c.kind = 'unknown' AND c.status IN ('new', 'ignore')"
          + " UNION ALL SELECT NULL, NULL, v.mac::text, v.ip, NULL, v.lastseen, 'unknown vm',"
          + " NULL, "
          + LAB
          + " FROM live_virtualhost v LEFT JOIN inventory_lab l ON l.id = v.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id"
          + " WHERE v.status = 'active') a";

  private static final String HOSTS_BY_LAB =
      "SELECT host, hostname, mac, host(addr) AS ip, hardware, lastseen, status, bookable,"
          + " location FROM "
          + HOSTS_AND_DEVICES
          + " ORDER BY location NULLS LAST, addr NULLS LAST, lower(hostname), mac LIMIT ? OFFSET ?";

  /** The labs in the same order, with how many rows each has. */
  private static final String HOST_LABS =
      "SELECT location, count(*) AS n FROM "
          + HOSTS_AND_DEVICES
          + " GROUP BY location ORDER BY location NULLS LAST";

  /** The labs of the unknown devices in the unknown devices' order ({@link Order#PLACE}). */
  private static final String UNKNOWN_LABS =
      "SELECT "
          + LAB
          + " AS location, count(*) AS n FROM live_scanconflict c"
          + " LEFT JOIN inventory_lab l ON l.id = c.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id"
          + " WHERE c.kind = 'unknown' AND c.status IN ('new', 'ignore')"
          + " GROUP BY 1 ORDER BY 1 NULLS LAST";

  private static final String LABS =
      "SELECT l.id, "
          + LAB
          + " AS name, l.network::text AS network,"
          + " array_remove(array_agg(r.number ORDER BY r.number), NULL) AS racks"
          + " FROM inventory_lab l LEFT JOIN inventory_building bd ON bd.id = l.building_id"
          + " LEFT JOIN inventory_rack r ON r.lab_id = l.id"
          + " GROUP BY l.id, bd.code ORDER BY lower("
          + LAB
          + "), l.id";

  /**
   * Every host with its IP, hardware, last sighting, status and bookable's status, and the devices
   * the scans saw that the inventory lacks (open or ignored unknown MACs as {@code unknown mac},
   * active virtual machines as {@code unknown vm}), each with its lab as "building/lab" ({@code
   * location}); by lab (none last), then IP (none last), as the original's live list; a page of
   * them.
   */
  public List<Map<String, Object>> hostsByLab(Sql sql, int limit, long offset) {
    return sql.rows(HOSTS_BY_LAB, List.of(limit, offset));
  }

  /**
   * The labs of {@link #hostsByLab} in its order ({@code location}, null for none) with how many
   * hosts and devices each has ({@code n}).
   */
  public List<Map<String, Object>> hostLabs(Sql sql) {
    return sql.rows(HOST_LABS, List.of());
  }

  /**
   * The labs of the unknown devices (unknown MACs new or ignored) in the order {@link Order#PLACE}
   * lists them ({@code location}, null for none) with how many each has ({@code n}).
   */
  public List<Map<String, Object>> unknownLabs(Sql sql) {
    return sql.rows(UNKNOWN_LABS, List.of());
  }

  /** Every lab as "building/lab" ({@code name}) with its network and its racks' numbers. */
  public List<Map<String, Object>> labs(Sql sql) {
    return sql.rows(LABS, List.of());
  }

  /** The names of the hosts in the racks of a lab, by name. */
  public List<String> hostnames(Sql sql, long lab, int limit) {
    return sql
        .rows(
            "SELECT h.hostname FROM inventory_host h JOIN inventory_rack r ON r.id = h.rack_id"
                + " WHERE r.lab_id = ? ORDER BY lower(h.hostname) LIMIT ?",
            List.of(lab, limit))
        .stream()
        .map(row -> (String) row.get("hostname"))
        .toList();
  }

  /** Every NIC id with its MAC, for the scan agent. */
  public List<Map<String, Object>> macs(Sql sql) {
    return sql.rows("SELECT id, mac::text AS mac FROM inventory_nic ORDER BY id", List.of());
  }

  /** A status, or several as a comma list (the original listed new and ignored ones together). */
  private static void status(
      String status, String column, List<String> where, List<Object> params, FieldErrors errors) {
    if (status != null) {
      List<String> statuses = List.of(status.split(",", -1));
      errors.check(
          "status",
          STATUSES.containsAll(statuses) ? null : "one or more of new, resolved, ignore, super");
      where.add(column + " = ANY (?::text[])");
      params.add(statuses.toArray(String[]::new));
    }
  }

  private static Slice slice(
      Sql sql, String count, String select, List<Object> params, int limit, int offset) {
    long n = (Long) sql.row(count, params).get("n");
    List<Object> page = new ArrayList<>(params);
    page.add(limit);
    page.add(offset);
    return new Slice(n, sql.rows(select + " LIMIT ? OFFSET ?", page));
  }
}
