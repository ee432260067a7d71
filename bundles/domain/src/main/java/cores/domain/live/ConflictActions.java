package cores.domain.live;

import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import cores.domain.inventory.Addresses;
import cores.domain.inventory.HostDerivation;
import cores.domain.inventory.Inventory;
import cores.domain.inventory.Models;
import cores.domain.inventory.Names;
import cores.domain.inventory.Schemas;
import cores.domain.sql.Sql;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What people do with a scan conflict: accept a NIC's new IP, fix a host's location (lab and rack),
 * mark it resolved, ignore it. Each locks the conflict's row and acts inside the caller's
 * transaction.
 */
public final class ConflictActions {
  /** The actions on a conflict, as the live pages' paths and the admin's bulk actions name them. */
  public static final String ACCEPT = "accept";

  public static final String RESOLVE = "resolve";
  public static final String IGNORE = "ignore";
  public static final String IGNORE_MAC = "ignoremac";

  /** The forms' actions: fixing a location conflict's host's rack, adding an unknown's NIC. */
  public static final String LOCATION = "location";

  public static final String NIC = "nic";

  /**
   * A conflict as the API and the pages show it: its own columns, then what it is about (the NIC's
   * model and recorded IP, the host's rack, the lab's name) and the scan that raised it.
   */
  static final String COLUMNS =
      "SELECT c.id, c.kind, c.status, c.session_id AS scan, c.mac::text AS mac,"
          + " host(c.ip) AS ip, c.nic_id AS nic, c.host_id AS host, h.hostname, c.lab_id AS lab,"
          + " c.created, c.lastseen, n.model AS nic_model, host(n.ip) AS nic_ip, "
          + Names.rack("r.number", "rl", "rb")
          + " AS rack, "
          + Names.lab("l", "bd")
          + " AS location, s.scanned, s.agent FROM live_scanconflict c"
          + " LEFT JOIN inventory_host h ON h.id = c.host_id"
          + " LEFT JOIN inventory_nic n ON n.id = c.nic_id"
          + " LEFT JOIN inventory_rack r ON r.id = h.rack_id"
          + " LEFT JOIN inventory_lab rl ON rl.id = r.lab_id"
          + " LEFT JOIN inventory_building rb ON rb.id = rl.building_id"
          + " LEFT JOIN inventory_lab l ON l.id = c.lab_id"
          + " LEFT JOIN inventory_building bd ON bd.id = l.building_id"
          + " LEFT JOIN live_scansession s ON s.id = c.session_id";

  /**
   * A row of {@link #COLUMNS} as the API answers it, with the vendor of its MAC's OUI the resources
   * add ({@code vendor}).
   */
  public static final JsonShape CONFLICT =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("kind", JsonShape.oneOf(List.of("unknown", "nic", "location")))
          .with("status", LiveLists.STATUS)
          .with(
              "scan",
              JsonShape.described(
                  JsonShape.nullable(JsonShape.INTEGER), "the session that raised it, if kept"))
          .with("mac", JsonShape.nullable(Schemas.MAC))
          .with("ip", JsonShape.nullable(Schemas.IP))
          .with("nic", JsonShape.nullable(JsonShape.INTEGER))
          .with("host", JsonShape.nullable(JsonShape.INTEGER))
          .with("hostname", JsonShape.nullable(JsonShape.STRING))
          .with("lab", JsonShape.nullable(JsonShape.INTEGER))
          .with("created", JsonShape.DATE_TIME)
          .with("lastseen", JsonShape.DATE_TIME)
          .with("nic_model", JsonShape.nullable(JsonShape.STRING))
          .with("nic_ip", JsonShape.described(JsonShape.nullable(Schemas.IP), "the NIC's recorded"))
          .with(
              "rack",
              JsonShape.described(
                  JsonShape.nullable(JsonShape.STRING),
                  "the host's: \"<number> in <building>/<lab>\""))
          .with("location", LiveLists.LOCATION)
          .with("scanned", JsonShape.nullable(JsonShape.DATE_TIME))
          .with("agent", JsonShape.nullable(JsonShape.STRING))
          .with(
              "vendor",
              JsonShape.described(
                  JsonShape.nullable(JsonShape.STRING), "of the MAC's OUI, null when unknown"));

  /** The conflict as the API shows it; 404 if there is none. */
  public Map<String, Object> get(Sql sql, long id) {
    Map<String, Object> row = sql.row(COLUMNS + " WHERE c.id = ?", List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No scan conflict with id " + id + ".");
    }
    return row;
  }

  /** The NIC takes the IP it was seen at; the conflict is resolved. */
  public Map<String, Object> acceptIp(Sql sql, long id) {
    Map<String, Object> conflict = open(sql, id, ConflictKind.NIC);
    Map<String, Object> nic =
        sql.row(
            "UPDATE inventory_nic SET ip = c.ip FROM live_scanconflict c"
                + " WHERE c.id = ? AND inventory_nic.id = c.nic_id RETURNING inventory_nic.host_id",
            List.of(id));
    if (nic != null) {
      HostDerivation.refresh(sql, Collections.singletonList((Long) nic.get("host_id")));
    }
    return close(sql, conflict, ConflictStatus.RESOLVED);
  }

  /**
   * The host moves to a rack and the conflict is resolved. The rack is named as the original's form
   * named it, by its lab and its number ({@code lab}, {@code rack}), or by its id ({@code rack_id};
   * a {@code lab} given beside it must be the rack's).
   */
  public Map<String, Object> fixLocation(Sql sql, long id, Object lab, Object rack, Object rackId) {
    FieldErrors errors = new FieldErrors();
    Long labId = whole("lab", lab, rackId == null, errors);
    Long number = rackId == null ? whole("rack", rack, true, errors) : null;
    Long byId = rackId == null ? null : whole("rack_id", rackId, true, errors);
    if (rackId != null && rack != null) {
      errors.check("rack", "give either rack (the number, with lab) or rack_id");
    }
    errors.throwIfAny();
    Map<String, Object> conflict = open(sql, id, ConflictKind.LOCATION);
    if (labId != null && !sql.exists("SELECT 1 FROM inventory_lab WHERE id = ?", List.of(labId))) {
      throw FieldErrors.single("lab", "no lab with id " + labId);
    }
    Map<String, Object> target;
    if (byId != null) {
      target = sql.row("SELECT id, lab_id FROM inventory_rack WHERE id = ?", List.of(byId));
      if (target == null) {
        throw FieldErrors.single("rack_id", "no rack with id " + byId);
      }
      if (labId != null && !labId.equals(target.get("lab_id"))) {
        throw FieldErrors.single("rack_id", "rack " + byId + " is not in lab " + labId);
      }
    } else {
      target =
          sql.row(
              "SELECT id FROM inventory_rack WHERE lab_id = ? AND number = ?",
              List.of(labId, number));
      if (target == null) {
        throw FieldErrors.single("rack", noRack(sql, labId, number));
      }
    }
    sql.update(
        "UPDATE inventory_host SET rack_id = ? WHERE id = ?",
        List.of(target.get("id"), conflict.get("host")));
    return close(sql, conflict, ConflictStatus.RESOLVED);
  }

  /** "B1/lab2 has no rack number 5; its racks: 0, 1", the lab by the name people know it by. */
  private static String noRack(Sql sql, long labId, long number) {
    Map<String, Object> lab =
        new LiveLists()
            .labs(sql).stream().filter(l -> l.get("id").equals(labId)).findFirst().orElseThrow();
    List<?> racks = (List<?>) lab.get("racks");
    return lab.get("name")
        + " has no rack number "
        + number
        + (racks.isEmpty()
            ? "; it has no racks"
            : "; its racks: "
                + racks.stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }

  /**
   * What {@link #fixLocation} takes, as {@link #whole} reads it: numbers or strings of digits;
   * other keys are ignored.
   */
  public static Map<String, Object> fixLocationSchema() {
    Map<String, Object> id =
        Map.of(
            "anyOf",
            List.of(
                Map.of("type", "integer", "minimum", 1),
                Map.of("type", "string", "pattern", "^0*[1-9][0-9]{0,17}$")));
    Map<String, Object> number =
        Map.of(
            "anyOf",
            List.of(
                Map.of("type", "integer", "minimum", 0),
                Map.of("type", "string", "pattern", "^[0-9]{1,18}$")));
    Map<String, Object> schema = new java.util.LinkedHashMap<>();
    schema.put("type", "object");
    schema.put(
        "description",
        "the rack the host goes to: a lab id and the number of a rack in it (the original's form),"
            + " or a rack's id (a lab beside it must be the rack's)");
    schema.put(
        "properties",
        Map.of("lab", id, "rack", JsonShape.described(number, "the rack's number"), "rack_id", id));
    schema.put(
        "oneOf",
        List.of(
            Map.of(
                "required", List.of("lab", "rack"), "not", Map.of("required", List.of("rack_id"))),
            Map.of("required", List.of("rack_id"), "not", Map.of("required", List.of("rack")))));
    return schema;
  }

  /**
   * A whole number of at least 0 (an id must be positive), as JSON number or digits (a form's
   * value); null when absent and not required, else a problem is recorded.
   */
  private static Long whole(String field, Object value, boolean required, FieldErrors errors) {
    Long number = null;
    if (value instanceof Integer || value instanceof Long) {
      number = ((Number) value).longValue();
    } else if (value instanceof String text && text.matches("[0-9]{1,18}")) {
      number = Long.valueOf(text);
    }
    boolean id = !"rack".equals(field);
    if (value == null) {
      errors.check(field, required ? "required" : null);
    } else if (number == null || number < 0 || (id && number == 0)) {
      errors.check(field, id ? "must be an id" : "must be a rack number (0 or more)");
      number = null;
    }
    return number;
  }

  /**
   * An unknown device becomes a NIC: the NIC is created from the input (the inventory's checks, its
   * last sighting the conflict's) and the conflict resolved. Its MAC is the device's: the input's
   * {@code mac} must be that one (written in any form the inventory reads), else 400 at the field,
   * since the sighting is of no other MAC and the device would stay unknown.
   */
  public Map<String, Object> addNic(
      Sql sql, long id, Inventory inventory, Map<String, Object> nic) {
    Map<String, Object> conflict = open(sql, id, ConflictKind.UNKNOWN);
    String seen = (String) conflict.get("mac");
    // a missing or malformed MAC is left to the inventory's checks, which name it so
    if (nic.get("mac") instanceof String mac && Addresses.mac(mac) == null && !same(mac, seen)) {
      throw FieldErrors.single("mac", "must be the MAC the scan saw, " + seen);
    }
    inventory.create(sql, Models.NIC, nic, Map.of("lastseen", conflict.get("lastseen")));
    return close(sql, conflict, ConflictStatus.RESOLVED);
  }

  /** Whether a MAC as typed (valid) is the stored one, which is lower case with colons. */
  private static boolean same(String typed, String stored) {
    return typed.replaceAll("[:.-]", "").equalsIgnoreCase(stored.replace(":", ""));
  }

  /**
   * An unknown device's MAC goes on the ignore list (where it may be already), and the conflict is
   * ignored.
   */
  public Map<String, Object> ignoreMac(Sql sql, long id, IgnoredMacs macs, String reason) {
    Map<String, Object> conflict = open(sql, id, ConflictKind.UNKNOWN);
    macs.keep(sql, (String) conflict.get("mac"), reason);
    return close(sql, conflict, ConflictStatus.IGNORE);
  }

  public Map<String, Object> resolve(Sql sql, long id) {
    return close(sql, open(sql, id, null), ConflictStatus.RESOLVED);
  }

  public Map<String, Object> ignore(Sql sql, long id) {
    return close(sql, open(sql, id, null), ConflictStatus.IGNORE);
  }

  /** The conflict, locked, of that kind (any when null), still open. */
  private Map<String, Object> open(Sql sql, long id, ConflictKind kind) {
    Map<String, Object> row =
        sql.row(
            "SELECT id, kind, status, host_id AS host, mac::text AS mac, lastseen"
                + " FROM live_scanconflict WHERE id = ? FOR UPDATE",
            List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No scan conflict with id " + id + ".");
    }
    ProblemException refused = refusal(id, row.get("kind"), row.get("status"), kind);
    if (refused != null) {
      throw refused;
    }
    return row;
  }

  /** Why a conflict of that kind and status is not one to act on as of a kind (any: null). */
  private static ProblemException refusal(
      long id, Object actual, Object status, ConflictKind kind) {
    if (kind != null && !kind.kind.equals(actual)) {
      return ProblemException.badRequest(
          "Scan conflict "
              + id
              + " is "
              + article(String.valueOf(actual))
              + " conflict, not "
              + article(kind.kind)
              + " conflict.");
    }
    return ConflictStatus.closed("Scan conflict " + id, status);
  }

  /**
   * What an action would do to the conflict, read without changing it: null when it changes it,
   * else why it leaves it as it is (ignoring an ignored conflict); the action's own refusal when it
   * cannot be done to it (a conflict of another kind, or closed). The actions are {@link #ACCEPT},
   * {@link #RESOLVE}, {@link #IGNORE}, {@link #IGNORE_MAC}, and the forms' {@link #LOCATION} and
   * {@link #NIC}.
   */
  public String unchanged(Sql sql, long id, String action) {
    ConflictKind kind =
        switch (action) {
          case ACCEPT -> ConflictKind.NIC;
          case LOCATION -> ConflictKind.LOCATION;
          case NIC, IGNORE_MAC -> ConflictKind.UNKNOWN;
          case RESOLVE, IGNORE -> null;
          default -> throw ProblemException.badRequest("No action " + action + " on conflicts.");
        };
    Map<String, Object> row =
        sql.row(
            "SELECT c.kind, c.status,"
                + " EXISTS (SELECT 1 FROM live_ignoredmac m WHERE m.mac = c.mac) AS listed"
                + " FROM live_scanconflict c WHERE c.id = ?",
            List.of(id));
    if (row == null) {
      throw ProblemException.notFound("No scan conflict with id " + id + ".");
    }
    ProblemException refused = refusal(id, row.get("kind"), row.get("status"), kind);
    if (refused != null) {
      throw refused;
    }
    boolean ignored = ConflictStatus.IGNORE.equals(row.get("status"));
    if (IGNORE.equals(action) && ignored) {
      return "already ignored";
    }
    if (IGNORE_MAC.equals(action) && ignored && Boolean.TRUE.equals(row.get("listed"))) {
      return "already ignored, its MAC on the ignore list";
    }
    return null;
  }

  /** "an unknown", "a nic": the kinds' words, read as written. */
  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  private Map<String, Object> close(Sql sql, Map<String, Object> conflict, String status) {
    long id = (Long) conflict.get("id");
    sql.update("UPDATE live_scanconflict SET status = ? WHERE id = ?", List.of(status, id));
    return get(sql, id);
  }
}
