package cores.api.live;

/**
 * A NIC to add for an unknown device's MAC.
 *
 * @param mac the device's MAC (in any form a MAC is typed in); another one is refused
 * @param hostname the host it belongs to (case-insensitive); blank for a NIC in no host
 * @param model optional
 */
public record NewNic(
    String mac,
    String ip,
    String hostname,
    String model,
    boolean primary,
    boolean integrated,
    boolean management) {}
