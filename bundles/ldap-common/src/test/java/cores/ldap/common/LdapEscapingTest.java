package cores.ldap.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;

class LdapEscapingTest {

  @Test
  void filterValuesEscapeEveryFilterMetacharacter() {
    assertEquals("\\2a", LdapEscaping.filterValue("*"));
    assertEquals("\\29\\28", LdapEscaping.filterValue(")("));
    assertEquals("\\5c", LdapEscaping.filterValue("\\"));
    assertEquals("a\\00b", LdapEscaping.filterValue("a\0b"));
    assertEquals("Jane Doe", LdapEscaping.filterValue("Jane Doe"));
    assertEquals(
        "x\\29\\28|\\28cn=\\2a\\29", LdapEscaping.filterValue("x)(|(cn=*)"), "classic injection");
  }

  @Test
  void dnValuesStayOneValueOfOneRdn() throws Exception {
    assertEquals("a\\,b", LdapEscaping.dnValue("a,b"));
    assertEquals("\\ lead and trail\\ ", LdapEscaping.dnValue(" lead and trail "));
    assertEquals("\\#x#", LdapEscaping.dnValue("#x#"));
    assertEquals("a\\00b", LdapEscaping.dnValue("a\0b"));
    for (String hostile :
        new String[] {"x,OU=Admins", "a+cn=b", "a\\", "\"q\"", "<>;", "x=y", " ", "#", "a\0b"}) {
      Dn dn = new Dn("CN=" + LdapEscaping.dnValue(hostile) + ",DC=contoso,DC=com");
      assertEquals(3, dn.size(), hostile);
      assertEquals(1, dn.getRdn().size(), hostile);
      assertEquals(hostile, dn.getRdn().getValue(), hostile);
    }
  }
}
