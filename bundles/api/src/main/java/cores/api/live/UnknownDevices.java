package cores.api.live;

import java.util.List;

/**
 * A page of the unknown devices by lab, and where each lab stands in the whole list, as {@link
 * LiveHosts} pages the hosts. Since 2.0.0.
 *
 * @param count the unknown devices in all
 * @param offset the place of this page's first one in the whole list, from 0
 * @param labs every lab that has unknown devices, in the list's order
 * @param page this page's devices in the list's order (a lab may go on over pages)
 */
public record UnknownDevices(
    long count, long offset, List<LiveHosts.LabCount> labs, List<Conflict> page) {
  public UnknownDevices {
    labs = List.copyOf(labs);
    page = List.copyOf(page);
  }
}
