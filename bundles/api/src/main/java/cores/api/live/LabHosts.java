package cores.api.live;

import java.util.List;

/**
 * The hosts and devices of one lab, by IP.
 *
 * @param location the lab as "building/lab"; null for those in no lab
 */
public record LabHosts(String location, List<LiveHost> hosts) {
  public LabHosts {
    hosts = List.copyOf(hosts);
  }
}
