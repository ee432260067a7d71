package cores.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AddressesTest {
  @Test
  void macAddressesInTheCommonNotationsAreAccepted() {
    for (String mac :
        new String[] {"00:1a:2b:3c:4d:5e", "00-1A-2B-3C-4D-5E", "001a.2b3c.4d5e", "001a2b3c4d5e"}) {
      assertNull(Addresses.mac(mac), mac);
    }
  }

  @Test
  void malformedMacAddressesAreRefused() {
    for (String mac :
        new String[] {"", "00:1a:2b:3c:4d", "00:1a:2b:3c:4d:5g", "00:1a-2b:3c:4d:5e", "x"}) {
      assertNotNull(Addresses.mac(mac), mac);
    }
    assertNotNull(Addresses.mac(null));
  }

  @Test
  void ipAddressesOfBothFamiliesAreAccepted() {
    for (String ip :
        new String[] {"192.0.2.10", "0.0.0.0", "2001:db8::1", "::1", "::ffff:192.0.2.1"}) {
      assertNull(Addresses.ip(ip), ip);
    }
  }

  @Test
  void malformedIpAddressesAreRefused() {
    for (String ip :
        new String[] {
          "256.1.1.1", "192.0.2", "192.0.2.10/24", "abc", "1:2:3:4:5:6:7:8:9", "1::2::3"
        }) {
      assertNotNull(Addresses.ip(ip), ip);
    }
  }

  @Test
  void networksNeedAPrefixWithoutHostBits() {
    assertNull(Addresses.cidr("192.0.2.0/24"));
    assertNull(Addresses.cidr("10.0.0.0/8"));
    assertNull(Addresses.cidr("2001:db8::/32"));
    assertNotNull(Addresses.cidr("192.0.2.1/24"));
    assertNotNull(Addresses.cidr("192.0.2.0/33"));
    assertNotNull(Addresses.cidr("192.0.2.0/x"));
    assertNotNull(Addresses.cidr("not-a-network"));
  }
}
