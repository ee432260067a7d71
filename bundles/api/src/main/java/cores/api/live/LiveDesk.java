package cores.api.live;

import cores.api.accounts.User;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live scan views and actions as the site's pages use them, with the same queries and rules as
 * the REST API. Reading is for the caller to allow ({@code live.view_scanconflict}); every action
 * checks its actor's permission. Refusals are {@link cores.api.web.ProblemException}s: 400 with the
 * problems per field, 403 without the permission, 404 when there is no such conflict or warning,
 * 409 when the conflict or warning is closed already (resolved or superseded).
 */
@ProviderType
public interface LiveDesk {
  /** The permission adding a NIC needs, beside {@code live.change_scanconflict}. */
  String ADD_NIC_PERMISSION = "inventory.add_nic";

  /** The zone the pages show times in ({@code CORES_TIME_ZONE}). */
  ZoneId zone();

  /**
   * The dashboard as {@code viewer} may see it: the last scan, the counts, and the open conflicts
   * and warnings, at most {@code limit} of each kind. The warnings' hosts are read only for a
   * viewer with {@code live.view_offlinehostwarning}, as the API lists them; for others {@link
   * LiveDashboard#offlineHosts} is null. Since 2.0.0.
   */
  LiveDashboard dashboard(User viewer, int limit);

  /**
   * The hosts by lab (labs by name, those in no lab last), with the devices scans saw that the
   * inventory lacks: open or ignored unknown MACs and active virtual machines; each lab by IP. At
   * most {@code limit} of them from place {@code offset} (from 0). Since 2.0.0.
   */
  LiveHosts hosts(long offset, int limit);

  /**
   * Unknown devices (unknown-MAC conflicts still new or ignored) by lab (labs by name, those in no
   * lab last), then IP: at most {@code limit} of them from place {@code offset} (from 0). Since
   * 2.0.0.
   */
  UnknownDevices unknownDevices(long offset, int limit);

  /** A conflict; empty when there is none with that id. */
  Optional<Conflict> conflict(long id);

  /** Every lab with its racks, by name. */
  List<Lab> labs();

  /** The names of the hosts in racks of a lab, by name (a lab's likely owners of a new NIC). */
  List<String> hostnames(long lab);

  /** The MACs scans skip. */
  List<IgnoredMac> ignoredMacs();

  /** A NIC conflict: the NIC takes the IP it was seen at; resolved. */
  Conflict acceptIp(User actor, long id);

  /**
   * A location conflict: the host moves to rack number {@code rack} of {@code lab}; resolved. Field
   * problems at {@code lab} and {@code rack}.
   */
  Conflict fixLocation(User actor, long id, Long lab, Long rack);

  /**
   * An unknown device: the NIC is added with the device's MAC (needs {@code inventory.add_nic} too)
   * and the conflict resolved, both or neither. Field problems at {@code mac} (also when it is not
   * the device's), {@code ip}, {@code host} (the hostname), {@code model}, {@code primary}.
   */
  Conflict addNic(User actor, long id, NewNic nic);

  /** Marks the conflict resolved. */
  Conflict resolve(User actor, long id);

  /** Ignores the conflict while it exists. */
  Conflict ignore(User actor, long id);

  /**
   * An unknown device: its MAC goes on the ignore list (scans skip it from now on; one listed
   * already stays as it is) and the conflict is ignored, both or neither.
   */
  Conflict ignoreMac(User actor, long id, String reason);

  /** Takes a MAC off the ignore list; false when it was not on it. */
  boolean unignoreMac(User actor, long id);

  /** Marks an offline host warning resolved (needs {@code live.change_offlinehostwarning}). */
  OfflineHost resolveWarning(User actor, long id);

  /** Ignores an offline host warning (needs {@code live.change_offlinehostwarning}). */
  OfflineHost ignoreWarning(User actor, long id);
}
