package cores.api.live;

import java.time.Instant;

/**
 * A scan conflict with what a page shows about it.
 *
 * @param status new (open), resolved, ignore or super (superseded)
 * @param mac the MAC seen (unknown devices, NIC conflicts); null for location conflicts
 * @param ip the IP it was seen at
 * @param vendor the organisation the MAC is assigned to (IEEE registry), null when unknown
 * @param nic the NIC of a NIC conflict, null otherwise
 * @param nicModel that NIC's model, null otherwise
 * @param nicIp the IP the inventory records for that NIC (the one the scan disagrees with)
 * @param host the host concerned (NIC and location conflicts; a NIC's host), null when none
 * @param rack the host's rack as "n in building/lab", null when it has none
 * @param lab the lab whose network holds the IP (location: the suggested lab), null when none
 * @param location that lab as "building/lab", null when none
 * @param scanned when the scan that raised it was made; null when that scan was deleted
 * @param agent the agent of that scan; null when deleted
 */
public record Conflict(
    long id,
    Kind kind,
    String status,
    String mac,
    String ip,
    String vendor,
    Long nic,
    String nicModel,
    String nicIp,
    Long host,
    String hostname,
    String rack,
    Long lab,
    String location,
    Instant created,
    Instant lastSeen,
    Instant scanned,
    String agent) {

  /** What a scan found at odds with the inventory. */
  public enum Kind {
    /** A MAC no NIC has. */
    UNKNOWN,
    /** A known NIC at another IP than recorded. */
    NIC,
    /** A host seen outside its rack's lab. */
    LOCATION
  }

  /** Whether it may still be acted on (new or ignored). */
  public boolean open() {
    return "new".equals(status) || "ignore".equals(status);
  }
}
