package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void anAddressOrNothingPasses() {
    assertNull(EmailAddresses.problem("ada@example.org", 254));
    assertNull(EmailAddresses.problem("root@localhost", 254));
    assertNull(EmailAddresses.problem("", 254));
    assertNull(EmailAddresses.problem(null, 254));
  }

  @Test
  void anythingElseIsRefusedInOneWording() {
    for (String bad : new String[] {"not an address", "a@b@c", "ada@example..org", "@x.org"}) {
      assertEquals("not a valid email address", EmailAddresses.problem(bad, 254), bad);
    }
    assertEquals("at most 10 characters", EmailAddresses.problem("ada@example.org", 10));
  }
}
