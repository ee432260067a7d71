package cores.web.live;

import cores.api.live.LabHosts;
import cores.api.live.LiveHosts;
import cores.web.Times;
import java.util.List;

/**
 * A page of the hosts by lab ({@link LabPages}).
 *
 * @param size at most this many hosts and devices a page
 */
public record HostsView(LiveHosts hosts, Times times, int size) implements LabPages {
  /** The lab's name, "No lab" for those in none. */
  public static String name(String location) {
    return LabPages.name(location);
  }

  /** The lab's heading: its name, and that it goes on from the page before when it does. */
  public String heading(LabHosts lab) {
    return heading(lab.location());
  }

  @Override
  public String path() {
    return "/live/hosts";
  }

  @Override
  public long count() {
    return hosts.count();
  }

  @Override
  public long offset() {
    return hosts.offset();
  }

  @Override
  public List<LiveHosts.LabCount> labs() {
    return hosts.labs();
  }

  @Override
  public List<String> onPage() {
    return hosts.page().stream().map(LabHosts::location).toList();
  }

  @Override
  public int shown() {
    return hosts.page().stream().mapToInt(l -> l.hosts().size()).sum();
  }
}
