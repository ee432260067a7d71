package cores.ldap.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

class GroupRulesTest {
  private static final String ADMINS = "CN=Lab Admins,OU=Groups,DC=contoso,DC=com";

  @Test
  void mapsGroupsAndFlagsWhateverTheDnSpelling() throws Exception {
    GroupRules rules =
        GroupRules.parse(
            "cn=lab admins, ou=groups, dc=contoso, dc=com=Admins;"
                + " CN=Lab Users,OU=Groups,DC=contoso,DC=com = Users ;",
            "cn=Lab Staff,ou=Groups,dc=contoso,dc=com",
            ADMINS,
            null);
    Set<String> memberOf =
        GroupRules.normalizeAll(List.of(ADMINS, "CN=Other,DC=contoso,DC=com", "not a dn"));
    assertEquals(Set.of("Admins"), rules.groups(memberOf));
    assertEquals(false, rules.staff(memberOf));
    assertEquals(true, rules.superuser(memberOf));
    assertTrue(rules.admits(memberOf), "no required group");
    assertTrue(rules.active());
  }

  @Test
  void unconfiguredPartsAreLeftToTheAccountStore() throws Exception {
    GroupRules rules = GroupRules.parse("", " ", null, null);
    assertFalse(rules.active());
    assertNull(rules.groups(Set.of()));
    assertNull(rules.staff(Set.of()));
    assertNull(rules.superuser(Set.of()));
  }

  @Test
  void requiredGroup() throws Exception {
    GroupRules rules = GroupRules.parse(null, null, null, ADMINS.toLowerCase());
    assertTrue(rules.admits(GroupRules.normalizeAll(List.of(ADMINS))));
    assertFalse(rules.admits(Set.of()));
  }

  @Test
  void malformedSettingsNameTheSetting() throws Exception {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> GroupRules.parse("Admins", null, null, null));
    assertEquals("groupMap", e.getProperty());
    assertEquals(
        "\"Admins\" is not <group DN>=<Cores group> (entries separated by ;)", e.getReason());
    assertEquals(
        "groupMap",
        assertThrows(
                ConfigurationException.class, () -> GroupRules.parse("cn=x=", null, null, null))
            .getProperty());
    assertEquals(
        "staffGroup",
        assertThrows(ConfigurationException.class, () -> GroupRules.parse(null, "nodn", null, null))
            .getProperty());
  }
}
