package cores.api.live;

import java.util.List;

/**
 * A page of the hosts by lab, and where each lab stands in the whole list. Since 2.0.0.
 *
 * @param count the hosts and devices in all
 * @param offset the place of this page's first one in the whole list, from 0
 * @param labs every lab that has hosts or devices, in the list's order
 * @param page this page's hosts and devices by lab; a lab may go on over pages
 */
public record LiveHosts(long count, long offset, List<LabCount> labs, List<LabHosts> page) {
  public LiveHosts {
    labs = List.copyOf(labs);
    page = List.copyOf(page);
  }

  /**
   * A lab in the whole list.
   *
   * @param location the lab as "building/lab"; null for those in no lab
   * @param hosts how many hosts and devices it has
   * @param first the place of its first one in the whole list, from 0
   */
  public record LabCount(String location, long hosts, long first) {}
}
