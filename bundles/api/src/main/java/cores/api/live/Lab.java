package cores.api.live;

import java.util.List;

/**
 * A lab a host can be moved to, with its racks' numbers.
 *
 * @param name "building/lab"
 * @param network its CIDR, null when it has none
 */
public record Lab(long id, String name, String network, List<Integer> racks) {
  public Lab {
    racks = List.copyOf(racks);
  }
}
