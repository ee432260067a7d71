package cores.web.live;

import cores.api.live.Conflict;
import cores.api.live.LiveDashboard;
import cores.api.web.Visitor;
import cores.web.Times;
import java.util.List;

/**
 * The live dashboard as shown.
 *
 * @param shown at most this many of each kind are listed
 */
public record DashView(LiveDashboard dashboard, Times times, Actions may, int shown) {

  /** The dashboard as the visitor may see it and act on it. */
  static DashView of(LiveDashboard dashboard, Visitor visitor, Times times, int shown) {
    return new DashView(dashboard, times, Actions.of(visitor), shown);
  }

  /**
   * Whether the offline hosts are shown: when the desk read them, for a visitor with the permission
   * the API's list of them needs, which the dashboard's own does not imply.
   */
  public boolean offline() {
    return dashboard.offlineHosts() != null;
  }

  public List<Conflict> nic() {
    return dashboard.of(Conflict.Kind.NIC);
  }

  public List<Conflict> location() {
    return dashboard.of(Conflict.Kind.LOCATION);
  }

  public List<Conflict> unknown() {
    return dashboard.of(Conflict.Kind.UNKNOWN);
  }

  /** "Showing 200 of 512" when not all of a kind are listed, else empty. */
  public String partly(Conflict.Kind kind) {
    long all = dashboard.count(kind);
    return all > shown ? "Showing the newest " + shown + " of " + all + "." : "";
  }

  /** The same for the offline hosts. */
  public String partlyOffline() {
    return dashboard.offline() > shown
        ? "Showing the newest " + shown + " of " + dashboard.offline() + "."
        : "";
  }
}
