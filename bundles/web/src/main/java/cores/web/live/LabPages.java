package cores.web.live;

import cores.api.live.LiveHosts;
import java.util.List;
import java.util.Objects;

/**
 * A list by lab a page at a time, as the hosts by lab and the unknown devices show it: each lab of
 * the page with an anchor of its own, the labs' index linking each to the page where it starts, and
 * links to the neighbouring pages (plain links: no script needed).
 */
public interface LabPages {
  /** The page's path, without the offset. */
  String path();

  /** At most this many rows a page. */
  int size();

  /** The rows in all. */
  long count();

  /** The place of the page's first row in the whole list, from 0. */
  long offset();

  /** Every lab of the list, in its order. */
  List<LiveHosts.LabCount> labs();

  /** The labs of this page, in its order. */
  List<String> onPage();

  /** The rows on this page. */
  int shown();

  /** The lab's name, "No lab" for those in none. */
  static String name(String location) {
    return location == null ? "No lab" : location;
  }

  /**
   * The id of the lab's heading ({@code lab-1}, … in the index's order; a lab the index, read a
   * moment before the page, does not hold yet gets one by its place on the page).
   */
  default String anchor(String location) {
    int place = place(location);
    if (place >= 0) {
      return "lab-" + (place + 1);
    }
    return "lab-page-" + (onPage().indexOf(location) + 1);
  }

  /** The lab's heading: its name, and that it goes on from the page before when it does. */
  default String heading(String location) {
    return name(location) + (continued(location) ? " (continued)" : "");
  }

  /**
   * Whether the lab goes on from the page before: the page says so after its name, which it
   * isolates as typed text ({@code <bdi>}).
   */
  default boolean continued(String location) {
    int place = place(location);
    return Objects.equals(onPage().get(0), location)
        && place >= 0
        && labs().get(place).first() < offset();
  }

  /** The lab's place in the index; -1 when it is not in it. */
  private int place(String location) {
    List<LiveHosts.LabCount> labs = labs();
    for (int i = 0; i < labs.size(); i++) {
      if (Objects.equals(labs.get(i).location(), location)) {
        return i;
      }
    }
    return -1;
  }

  /** Where the lab starts: its anchor on this page, or on the page holding its first row. */
  default String href(LiveHosts.LabCount lab) {
    long start = lab.first() - lab.first() % size();
    String anchor = "#" + anchor(lab.location());
    return start == offset() ? anchor : page(start) + anchor;
  }

  default boolean hasPrevious() {
    return offset() > 0;
  }

  default boolean hasNext() {
    return offset() + size() < count();
  }

  default String previous() {
    return page(Math.max(0, offset() - size()));
  }

  default String next() {
    return page(offset() + size());
  }

  /** "51–100 of 230". */
  default String range() {
    if (shown() == 0) {
      return "0 of " + count();
    }
    return (offset() + 1) + "–" + (offset() + shown()) + " of " + count();
  }

  /** The page starting at that place. */
  private String page(long offset) {
    return offset == 0 ? path() : path() + "?offset=" + offset;
  }
}
