package cores.api.live;

import java.time.Instant;

/** A MAC whose sightings scans skip, and why. */
public record IgnoredMac(long id, String mac, String reason, Instant created) {}
