package cores.web.live;

import cores.api.live.Conflict;
import cores.web.Form;
import cores.web.Times;
import java.util.List;

/**
 * The form that adds a NIC for an unknown device.
 *
 * @param hostnames the hosts of the lab the device was seen in, offered as suggestions
 */
public record NicView(
    Conflict conflict,
    List<String> hostnames,
    Form form,
    Times times,
    String csrfToken,
    String back) {}
