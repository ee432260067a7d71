package cores.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  private static final InetAddress PROXY = address("10.0.0.2");
  private static final InetAddress STRANGER = address("198.51.100.1");

  @Test
  void throttleTrustsXRealIpOnlyFromTheConfiguredProxy() {
    ClientAddresses clients = new ClientAddresses(List.of("10.0.0.2", " ", "localhost"));
    assertEquals(Optional.of(address("203.0.113.5")), clients.client(PROXY, "203.0.113.5"));
    assertEquals(Optional.of(address("2001:db8::5")), clients.client(PROXY, " [2001:db8::5] "));
    // a client naming itself anew for every guess is not believed
    assertEquals(Optional.of(STRANGER), clients.client(STRANGER, "203.0.113.5"));
    assertEquals(Optional.of(STRANGER), clients.client(STRANGER, null));
    // a proxy trusted by name
    assertEquals(
        Optional.of(address("203.0.113.6")),
        clients.client(InetAddress.getLoopbackAddress(), "203.0.113.6"));
    assertEquals(Optional.empty(), clients.client(null, "203.0.113.5"));
    // nothing trusted: the peer always
    assertEquals(Optional.of(PROXY), new ClientAddresses(List.of()).client(PROXY, "203.0.113.5"));
  }

  @Test
  void aHeaderThatIsNoAddressCountsTheProxyAndIsNeverLookedUp() {
    ClientAddresses clients = new ClientAddresses(List.of("10.0.0.2"));
    for (String bad :
        List.of("", "example.org", "localhost", "256.1.1.1", "1.2.3", "::g", "1.2.3.4, 5.6.7.8")) {
      assertEquals(Optional.of(PROXY), clients.client(PROXY, bad), bad);
    }
  }

  private static InetAddress address(String literal) {
    return ClientAddresses.literal(literal).orElseThrow();
  }
}
