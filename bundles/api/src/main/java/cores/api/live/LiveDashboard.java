package cores.api.live;

import java.time.Instant;
import java.util.List;

/**
 * The live dashboard: the last scan, what needs attention, the open conflicts and offline hosts.
 *
 * @param lastScan null when no scan was ever stored
 * @param unknown open unknown-device conflicts
 * @param nic open NIC conflicts
 * @param location open location conflicts
 * @param offline open offline host warnings
 * @param nics the NICs scans watch
 * @param conflicts open conflicts, newest first: at most the asked number of each kind
 * @param offlineHosts open offline host warnings, newest first, at most the asked number; null when
 *     the viewer may not see them (they were not read)
 */
public record LiveDashboard(
    Scan lastScan,
    long unknown,
    long nic,
    long location,
    long offline,
    long nics,
    List<Conflict> conflicts,
    List<OfflineHost> offlineHosts) {

  public LiveDashboard {
    conflicts = List.copyOf(conflicts);
    offlineHosts = offlineHosts == null ? null : List.copyOf(offlineHosts);
  }

  /** A stored scan: when it was made and by which agent. */
  public record Scan(long id, Instant scanned, String agent) {}

  /** Open conflicts and warnings: what needs attention (the original's count). */
  public long attention() {
    return unknown + nic + location + offline;
  }

  /** The open conflicts shown of one kind. */
  public List<Conflict> of(Conflict.Kind kind) {
    return conflicts.stream().filter(c -> c.kind() == kind).toList();
  }

  /** How many open conflicts of the kind there are in all (some may not be shown). */
  public long count(Conflict.Kind kind) {
    return switch (kind) {
      case UNKNOWN -> unknown;
      case NIC -> nic;
      case LOCATION -> location;
    };
  }
}
