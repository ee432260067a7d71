package cores.web.live;

import cores.api.live.Conflict;
import cores.api.live.IgnoredMac;
import cores.web.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The unknown devices by lab, and the MACs scans skip.
 *
 * @param shown at most this many devices are listed
 */
public record UnknownView(
    List<Conflict> devices, List<IgnoredMac> ignored, Times times, Actions may, int shown) {

  /** The devices of one lab (in the list's order). */
  public record Group(String name, List<Conflict> devices) {}

  /** The devices, consecutive ones of the same lab together ("No lab" for those in none). */
  public List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    String current = null;
    List<Conflict> devicesOfLab = null;
    for (Conflict device : devices) {
      if (devicesOfLab == null || !Objects.equals(current, device.location())) {
        current = device.location();
        devicesOfLab = new ArrayList<>();
        groups.add(new Group(current == null ? "No lab" : current, devicesOfLab));
      }
      devicesOfLab.add(device);
    }
    return groups;
  }

  /** Whether the list stops at {@link #shown}. */
  public boolean partly() {
    return devices.size() >= shown;
  }
}
