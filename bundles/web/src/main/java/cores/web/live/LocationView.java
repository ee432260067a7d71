package cores.web.live;

import cores.api.live.Conflict;
import cores.api.live.Lab;
import cores.web.Form;
import cores.web.Times;
import java.util.List;
import java.util.stream.Collectors;

/** The form that moves a host of a location conflict to a rack (lab and rack number). */
public record LocationView(
    Conflict conflict, List<Lab> labs, Form form, Times times, String csrfToken, String back) {

  /** Whether the lab is the one chosen (at first: the lab the scan saw the host in). */
  public boolean chosen(Lab lab) {
    return form.value("lab").equals(String.valueOf(lab.id()));
  }

  /** The lab's racks' numbers, "none" when it has none. */
  public static String racks(Lab lab) {
    return lab.racks().isEmpty()
        ? "none"
        : lab.racks().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
