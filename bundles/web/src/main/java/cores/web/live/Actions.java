package cores.web.live;

import cores.api.accounts.Permissions;
import cores.api.live.LiveDesk;
import cores.api.web.Visitor;

/**
 * What the visitor may do on the live pages, and the token their forms carry.
 *
 * @param conflicts accept, fix, resolve and ignore conflicts, ignore MACs
 * @param warnings resolve and ignore offline host warnings
 * @param addNic add a NIC for an unknown device (with {@code conflicts})
 */
public record Actions(boolean conflicts, boolean warnings, boolean addNic, String csrfToken) {
  static Actions of(Visitor visitor) {
    boolean conflicts = visitor.may(Permissions.CHANGE_SCANCONFLICT);
    return new Actions(
        conflicts,
        visitor.may(Permissions.CHANGE_OFFLINEHOSTWARNING),
        conflicts && visitor.may(LiveDesk.ADD_NIC_PERMISSION),
        visitor.csrfToken());
  }
}
