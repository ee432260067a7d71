package cores.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.http.auth.AccountServices;
import cores.http.system.HealthChecks;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationException;

/** CORES_HTTP_ADDRESS: the server listens on the address it is given, else on every interface. */
class ListenAddressTest {
  private static CoresServer server(String address) {
    return new CoresServer(
        new HttpSettings(
            0, "localhost", false, "secret", 1024, List.of("127.0.0.1"), 1, List.of(), address),
        new AccountServices(),
        new HealthChecks(),
        Readiness.READY);
  }

  private static void connect(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
    }
  }

  @Test
  void anAddressIsListenedOnAlone() throws Exception {
    // every 127.x.y.z is this machine's (Linux): another one than 127.0.0.1 shows where it listens
    CoresServer server = server("127.0.0.2");
    server.start();
    try {
      connect("127.0.0.2", server.port());
      assertThrows(ConnectException.class, () -> connect("127.0.0.1", server.port()));
    } finally {
      server.stop();
    }
  }

  @Test
  void noAddressIsEveryInterface() throws Exception {
    CoresServer server = server("");
    server.start();
    try {
      connect("127.0.0.1", server.port());
      connect("127.0.0.2", server.port());
    } finally {
      server.stop();
    }
  }

  @Test
  void aPortInUseIsThePortsFaultAndAnyOtherRefusalTheAddresss() {
    ConfigurationException inUse =
        HttpServerComponent.unbound(
                8000, "10.0.0.5", new IOException(new BindException("Address already in use")))
            .orElseThrow();
    assertEquals("port", inUse.getProperty());
    ConfigurationException foreign =
        HttpServerComponent.unbound(
                8000, "10.0.0.5", new BindException("Cannot assign requested address"))
            .orElseThrow();
    assertEquals("address", foreign.getProperty());
    assertTrue(
        foreign.getReason().equals("cannot listen on 10.0.0.5 (Cannot assign requested address)"),
        foreign.getReason());
    assertEquals(
        "port",
        HttpServerComponent.unbound(8000, "", new BindException("Permission denied"))
            .orElseThrow()
            .getProperty());
  }
}
