package cores.web.live;

import cores.api.live.LabHosts;
import cores.api.live.LiveHosts;
import cores.web.Times;
import java.util.List;
import java.util.Objects;

/**
 * A page of the hosts by lab, each lab with an anchor of its own, the labs' index linking each to
 * the page where it starts, and links to the neighbouring pages (plain links: no script needed).
 *
 * @param size at most this many hosts and devices a page
 */
public record HostsView(LiveHosts hosts, Times times, int size) {
  private static final String PATH = "/live/hosts";

  /** The lab's name, "No lab" for those in none. */
  public static String name(String location) {
    return location == null ? "No lab" : location;
  }

  /**
   * The id of the lab's heading ({@code lab-1}, … in the index's order; a lab the index, read a
   * moment before the page, does not hold yet gets one by its place on the page).
   */
  public String anchor(String location) {
    int place = place(location);
    if (place >= 0) {
      return "lab-" + (place + 1);
    }
    List<String> onPage = hosts.page().stream().map(LabHosts::location).toList();
    return "lab-page-" + (onPage.indexOf(location) + 1);
  }

  /** The lab's heading: its name, and that it goes on from the page before when it does. */
  public String heading(LabHosts lab) {
    int place = place(lab.location());
    boolean continued =
        hosts.page().get(0) == lab
            && place >= 0
            && hosts.labs().get(place).first() < hosts.offset();
    return name(lab.location()) + (continued ? " (continued)" : "");
  }

  /** The lab's place in the index; -1 when it is not in it. */
  private int place(String location) {
    List<LiveHosts.LabCount> labs = hosts.labs();
    for (int i = 0; i < labs.size(); i++) {
      if (Objects.equals(labs.get(i).location(), location)) {
        return i;
      }
    }
    return -1;
  }

  /** Where the lab starts: its anchor on this page, or on the page holding its first row. */
  public String href(LiveHosts.LabCount lab) {
    long start = lab.first() - lab.first() % size;
    String anchor = "#" + anchor(lab.location());
    return start == hosts.offset() ? anchor : page(start) + anchor;
  }

  public boolean hasPrevious() {
    return hosts.offset() > 0;
  }

  public boolean hasNext() {
    return hosts.offset() + size < hosts.count();
  }

  public String previous() {
    return page(Math.max(0, hosts.offset() - size));
  }

  public String next() {
    return page(hosts.offset() + size);
  }

  /** "51–100 of 230". */
  public String range() {
    int shown = hosts.page().stream().mapToInt(l -> l.hosts().size()).sum();
    if (shown == 0) {
      return "0 of " + hosts.count();
    }
    return (hosts.offset() + 1) + "–" + (hosts.offset() + shown) + " of " + hosts.count();
  }

  private static String page(long offset) {
    return offset == 0 ? PATH : PATH + "?offset=" + offset;
  }
}
