package cores.domain.live;

import cores.api.web.Characters;
import cores.api.web.FieldErrors;
import cores.api.web.JsonShape;
import cores.api.web.ProblemException;
import cores.domain.inventory.Addresses;
import cores.domain.inventory.Schemas;
import cores.domain.sql.DatabaseException;
import cores.domain.sql.Sql;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ignore list: MACs whose sightings a scan skips. */
public final class IgnoredMacs {
  /** The longest reason, as the admin's field for it takes. */
  public static final int REASON_MAX = 1000;

  private static final String COLUMNS =
      "SELECT id, mac::text AS mac, reason, created FROM live_ignoredmac";

  /** A row of {@link #COLUMNS}, as the API answers it. */
  public static final JsonShape ROW =
      JsonShape.of()
          .with("id", JsonShape.INTEGER)
          .with("mac", Schemas.MAC)
          .with("reason", JsonShape.STRING)
          .with("created", JsonShape.DATE_TIME);

  /**
   * What {@link #add} takes: a MAC as {@link Addresses#mac} reads it and, optionally, why; other
   * keys are ignored.
   */
  public static Map<String, Object> inputSchema() {
    Map<String, Object> schema =
        JsonShape.of()
            .with("mac", Schemas.MAC_INPUT)
            .with("reason", JsonShape.nullable(JsonShape.STRING))
            .schema("a MAC to ignore and why");
    schema.put("required", List.of("mac"));
    schema.remove("additionalProperties");
    return schema;
  }

  public List<Map<String, Object>> list(Sql sql) {
    return sql.rows(COLUMNS + " ORDER BY mac", List.of());
  }

  /**
   * Adds the body's MAC and why it is ignored; 400 for a bad MAC or a field it does not take, 409
   * if the MAC is listed already.
   */
  public Map<String, Object> add(Sql sql, Map<String, Object> input) {
    Object mac = input.get("mac");
    Object reason = input.get("reason");
    FieldErrors errors = new FieldErrors().onlyKnown(input, Set.of("mac", "reason"));
    errors.check("mac", mac instanceof String text ? Addresses.mac(text) : "required");
    errors.check("reason", reason == null ? null : reasonProblem(reason));
    errors.throwIfAny();
    try {
      long id =
          (Long)
              sql.row(
                      "INSERT INTO live_ignoredmac (mac, reason) VALUES (?::macaddr, ?)"
                          + " RETURNING id",
                      List.of(mac, reason == null ? "" : reason))
                  .get("id");
      return sql.row(COLUMNS + " WHERE id = ?", List.of(id));
    } catch (DatabaseException e) {
      if (e.violated(DatabaseException.UNIQUE_VIOLATION, "live_ignoredmac_mac_key")) {
        // at the field too, so that a form shows it there
        throw new ProblemException(
            409,
            "Conflict",
            "MAC " + mac + " is on the ignore list already.",
            Map.of("mac", List.of("already on the ignore list")));
      }
      throw e;
    }
  }

  /**
   * A reason is a line of prose, as the admin's ignored MACs take it: at most {@link #REASON_MAX}
   * characters, one line, no direction controls.
   */
  private static String reasonProblem(Object reason) {
    if (!(reason instanceof String text)) {
      return "must be a string";
    }
    String tooLong = Characters.atMost(text, REASON_MAX);
    String reversed = tooLong != null ? tooLong : Characters.directionControl(text);
    return reversed != null ? reversed : Characters.oneLine(text);
  }

  /**
   * Lists a MAC a scan saw unless it is listed already, when the entry (and its reason) stays as it
   * is: ignoring a device whose MAC was listed since it was seen is no error.
   */
  void keep(Sql sql, String mac, String reason) {
    sql.update(
        "INSERT INTO live_ignoredmac (mac, reason) VALUES (?::macaddr, ?)"
            + " ON CONFLICT (mac) DO NOTHING",
        List.of(mac, reason == null ? "" : reason));
  }

  /** Whether there was such an entry to remove. */
  public boolean remove(Sql sql, long id) {
    return sql.update("DELETE FROM live_ignoredmac WHERE id = ?", List.of(id)) > 0;
  }
}
