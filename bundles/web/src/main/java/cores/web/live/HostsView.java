package cores.web.live;

import cores.api.live.LabHosts;
import cores.web.Times;
import java.util.List;

/** The hosts by lab, each lab with an anchor of its own. */
public record HostsView(List<LabHosts> labs, Times times) {
  /** The lab's name, "No lab" for those in none. */
  public static String name(LabHosts lab) {
    return lab.location() == null ? "No lab" : lab.location();
  }

  /** The id of the lab's heading ({@code lab-1}, …). */
  public String anchor(LabHosts lab) {
    return "lab-" + (labs.indexOf(lab) + 1);
  }

  public int count() {
    return labs.stream().mapToInt(l -> l.hosts().size()).sum();
  }
}
