package cores.web.live;

import cores.api.live.Conflict;
import cores.api.live.IgnoredMac;
import cores.api.live.LiveHosts;
import cores.api.live.UnknownDevices;
import cores.web.Times;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A page of the unknown devices by lab ({@link LabPages}, as the hosts by lab), and the MACs scans
 * skip.
 *
 * @param size at most this many devices a page
 */
public record UnknownView(
    UnknownDevices devices, List<IgnoredMac> ignored, Times times, Actions may, int size)
    implements LabPages {

  /** The devices of one lab on this page (in the list's order). */
  public record Group(String location, List<Conflict> devices) {}

  /** The page's devices, consecutive ones of the same lab together. */
  public List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    List<Conflict> devicesOfLab = null;
    String current = null;
    for (Conflict device : devices.page()) {
      if (devicesOfLab == null || !Objects.equals(current, device.location())) {
        current = device.location();
        devicesOfLab = new ArrayList<>();
        groups.add(new Group(current, devicesOfLab));
      }
      devicesOfLab.add(device);
    }
    return groups;
  }

  /** This page as the address its actions come back to, encoded for a query ({@code back=…}). */
  public String back() {
    return URLEncoder.encode(here(), StandardCharsets.UTF_8);
  }

  /** This page as the address its actions come back to, as a form's hidden {@code back} field. */
  public String here() {
    return offset() == 0 ? path() : path() + "?offset=" + offset();
  }

  @Override
  public String path() {
    return "/live/unknown";
  }

  @Override
  public long count() {
    return devices.count();
  }

  @Override
  public long offset() {
    return devices.offset();
  }

  @Override
  public List<LiveHosts.LabCount> labs() {
    return devices.labs();
  }

  @Override
  public List<String> onPage() {
    return groups().stream().map(Group::location).toList();
  }

  @Override
  public int shown() {
    return devices.page().size();
  }
}
