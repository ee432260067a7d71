package cores.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostCheckTest {
  private final HostCheck check = new HostCheck("Cores.Example.org");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cores.example.org",
        "CORES.example.org:8000",
        "cores.example.org.",
        "localhost",
        "localhost:8000",
        "nginx",
        "nginx:80",
        "127.0.0.1",
        "127.0.0.1:8000",
        "127.255.3.4",
        "127.250.249.199:65535",
        "[::1]",
        "[::1]:8000",
        "[0:0:0:0:0:0:0:1]:80",
        "[::0:1]"
      })
  void allowsTheSiteLocalhostLoopbackAndTheProxy(String host) {
    assertTrue(check.allowed(host), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "evil.example",
        "cores.example.org.evil.example",
        "evil.cores.example.org",
        "128.0.0.1",
        "10.0.0.1:8000",
        "127.0.0.256",
        "[::2]",
        "[::]",
        "[::ffff:127.0.0.1]",
        "[::1",
        "[::1]x",
        "localhost:80:80",
        "localhost:http",
        "localhost evil",
        "localhost:123456",
        "127.0.0.01",
        "127.0.0",
        "127.0.0.1.2",
        "127..0.1",
        "127.0.0.x",
        "127.0.0.-1",
        "::1"
      })
  void refusesEverythingElse(String host) {
    assertFalse(check.allowed(host), host);
  }

  @Test
  void refusesAMissingHeader() {
    assertFalse(check.allowed(null));
  }

  @Test
  void ipv4AddressesAreFourOctets() {
    for (String address : List.of("0.0.0.0", "255.255.255.255", "10.20.199.249")) {
      assertTrue(HostCheck.isIpv4(address), address);
    }
    for (String address : List.of("256.1.1.1", "1.1.1", "1.1.1.1.1", "01.1.1.1", "1.1.1.", "")) {
      assertFalse(HostCheck.isIpv4(address), address);
    }
  }

  @Test
  void allowsAConfiguredAddress() {
    assertTrue(new HostCheck("10.1.2.3").allowed("10.1.2.3:8000"));
  }
}
