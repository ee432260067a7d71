package cores.ldap.common;

import cores.api.auth.Identity;
import java.util.Set;

/**
 * The parts of a user's directory entry that Cores uses.
 *
 * @param dn the entry's DN as the server gave it
 * @param givenName first name, or {@code null}
 * @param sn last name, or {@code null}
 * @param mail email, or {@code null}
 * @param memberOf normalized DNs of the user's groups (see {@link GroupRules})
 */
public record UserEntry(String dn, String givenName, String sn, String mail, Set<String> memberOf) {
  private static final String[] ATTRIBUTES = {"givenName", "sn", "mail", "memberOf"};

  /** Attributes to ask the server for. */
  public static String[] attributes() {
    return ATTRIBUTES.clone();
  }

  public UserEntry {
    memberOf = Set.copyOf(memberOf);
  }

  /** The identity of the user who logged in as {@code username}, groups mapped by the rules. */
  public Identity identity(String provider, String username, GroupRules rules) {
    return new Identity(
        provider,
        username,
        givenName,
        sn,
        mail,
        rules.groups(memberOf),
        rules.staff(memberOf),
        rules.superuser(memberOf));
  }
}
