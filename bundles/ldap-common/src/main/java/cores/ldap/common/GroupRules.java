package cores.ldap.common;

import cores.api.config.Settings;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.osgi.service.cm.ConfigurationException;

/**
 * How directory group memberships (the {@code memberOf} DNs of a user's entry, as Active Directory
 * and OpenLDAP's memberof overlay provide them) become Cores groups, staff and superuser flags, and
 * which group a user must belong to at all. Every part is optional: what is not configured is left
 * to the local account store ({@code null} in the identity).
 *
 * @param groupMap normalized group DN to Cores group name
 * @param staffGroup normalized DN whose members are staff, or {@code null}
 * @param superuserGroup normalized DN whose members are superusers, or {@code null}
 * @param requiredGroup normalized DN a user must be a member of to log in, or {@code null}
 */
public record GroupRules(
    Map<String, String> groupMap, String staffGroup, String superuserGroup, String requiredGroup) {

  public GroupRules {
    groupMap = Map.copyOf(groupMap);
  }

  /** No group rules: memberships are not even read. */
  public static GroupRules none() {
    return new GroupRules(Map.of(), null, null, null);
  }

  /**
   * Parses the configuration.
   *
   * @param groupMap {@code <group DN>=<Cores group>;...}: the last {@code =} of an entry separates
   *     the DN from the group name, so DNs keep theirs
   * @throws ConfigurationException naming the setting that is malformed
   */
  public static GroupRules parse(
      String groupMap, String staffGroup, String superuserGroup, String requiredGroup)
      throws ConfigurationException {
    Map<String, String> map = new LinkedHashMap<>();
    if (groupMap != null && !groupMap.isBlank()) {
      for (String entry : groupMap.split(";")) {
        if (entry.isBlank()) {
          continue;
        }
        int eq = entry.lastIndexOf('=');
        String name = eq < 0 ? "" : entry.substring(eq + 1).trim();
        if (eq <= 0 || name.isEmpty()) {
          throw new ConfigurationException(
              "groupMap",
              Settings.quote(entry.strip())
                  + " is not <group DN>=<Cores group> (entries separated by ;)");
        }
        map.put(normalize(entry.substring(0, eq), "groupMap"), name);
      }
    }
    return new GroupRules(
        map,
        optional(staffGroup, "staffGroup"),
        optional(superuserGroup, "superuserGroup"),
        optional(requiredGroup, "requireGroup"));
  }

  /** Whether memberships matter at all, so the providers know to read {@code memberOf}. */
  public boolean active() {
    return !groupMap.isEmpty()
        || staffGroup != null
        || superuserGroup != null
        || requiredGroup != null;
  }

  /** Whether a user with these memberships may log in. */
  public boolean admits(Set<String> memberOf) {
    return requiredGroup == null || memberOf.contains(requiredGroup);
  }

  /** The Cores groups of a user, or {@code null} when no group map is configured. */
  public Set<String> groups(Set<String> memberOf) {
    if (groupMap.isEmpty()) {
      return null;
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String dn : memberOf) {
      String group = groupMap.get(dn);
      if (group != null) {
        groups.add(group);
      }
    }
    return groups;
  }

  /** The staff flag, or {@code null} when no staff group is configured. */
  public Boolean staff(Set<String> memberOf) {
    return staffGroup == null ? null : memberOf.contains(staffGroup);
  }

  /** The superuser flag, or {@code null} when no superuser group is configured. */
  public Boolean superuser(Set<String> memberOf) {
    return superuserGroup == null ? null : memberOf.contains(superuserGroup);
  }

  /** Normalizes the DNs read from a directory entry; values that are no DN are dropped. */
  public static Set<String> normalizeAll(Collection<String> dns) {
    Set<String> out = new LinkedHashSet<>();
    for (String dn : dns) {
      try {
        out.add(normalize(dn));
      } catch (LdapInvalidDnException e) {
        // a malformed memberOf value cannot name a configured group
      }
    }
    return out;
  }

  /**
   * A DN in a form that compares equal for equal DNs as directories usually treat them: attribute
   * types and values lower-cased, values unescaped, spaces around separators dropped.
   */
  static String normalize(String dn) throws LdapInvalidDnException {
    StringBuilder out = new StringBuilder();
    for (Rdn rdn : new Dn(dn.trim()).getRdns()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(rdn.getType().trim().toLowerCase(Locale.ROOT))
          .append('=')
          .append(String.valueOf(rdn.getValue()).trim().toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private static String normalize(String dn, String setting) throws ConfigurationException {
    try {
      return normalize(dn);
    } catch (LdapInvalidDnException e) {
      throw new ConfigurationException(setting, Settings.quote(dn.strip()) + " is not a DN", e);
    }
  }

  private static String optional(String dn, String setting) throws ConfigurationException {
    return dn == null || dn.isBlank() ? null : normalize(dn, setting);
  }
}
