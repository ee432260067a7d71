package cores.api.live;

import java.time.Instant;

/**
 * A warning that an active host was not seen for 48 hours.
 *
 * @param id the warning's id
 * @param location the host's lab as "building/lab", null when it has no rack
 * @param lastSeen when the host was last seen before the warning, null when never
 * @param raised when the warning was raised
 * @param status new (open), resolved, ignore or super
 */
public record OfflineHost(
    long id,
    long host,
    String hostname,
    String location,
    Instant lastSeen,
    Instant raised,
    String status) {}
