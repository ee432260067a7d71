package cores.api.live;

import java.time.Instant;

/**
 * A row of the hosts-by-lab list: an inventory host, or a device the scans saw that the inventory
 * does not hold (an unknown MAC, an active virtual machine).
 *
 * @param host the host's id; null for a device that is not in the inventory
 * @param hostname null for such a device
 * @param mac the device's MAC; null for hosts
 * @param hardware "[host type] model"; null for such a device
 * @param status the host's status; for a device {@code unknown mac} or {@code unknown vm}
 * @param bookable the status of the host's bookable; null when it has none
 */
public record LiveHost(
    Long host,
    String hostname,
    String mac,
    String ip,
    String hardware,
    Instant lastSeen,
    String status,
    String bookable) {}
