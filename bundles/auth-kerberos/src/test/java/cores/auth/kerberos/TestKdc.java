package cores.auth.kerberos;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

/**
 * A real KDC (Apache Kerby) in this JVM, answering Kerberos over TCP on a free port, with the users
 * and the service of the tests and the service's keytab.
 */
final class TestKdc implements AutoCloseable {
  static final String REALM = "CORES.TEST";
  static final String SERVICE = "HTTP/localhost";
  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "wonder land";

  final Path directory;
  final Path keytab;

  /** The service's keytab, with keys the KDC no longer has. */
  final Path staleKeytab;

  final int port;
  private final SimpleKdcServer kdc;

  TestKdc(Path directory) throws IOException, KrbException {
    this.directory = Files.createDirectories(directory);
    this.keytab = directory.resolve("service.keytab");
    this.staleKeytab = directory.resolve("stale.keytab");
    this.port = freePort();
    File work = Files.createDirectories(directory.resolve("kdc")).toFile();
    kdc = new SimpleKdcServer();
    kdc.setWorkDir(work);
    kdc.setKdcRealm(REALM);
    kdc.setKdcHost("127.0.0.1");
    kdc.setAllowUdp(false);
    kdc.setKdcTcpPort(port);
    kdc.init();
    kdc.start();
    kdc.createPrincipal(ALICE + "@" + REALM, ALICE_PASSWORD);
    // the first key of the service goes to a keytab that is stale once the key is replaced, as
    // when a keytab belongs to another KDC of the same name
    kdc.createPrincipal(SERVICE + "@" + REALM);
    kdc.exportPrincipal(SERVICE + "@" + REALM, staleKeytab.toFile());
    kdc.deletePrincipal(SERVICE + "@" + REALM);
    kdc.createPrincipal(SERVICE + "@" + REALM);
    kdc.exportPrincipal(SERVICE + "@" + REALM, keytab.toFile());
  }

  String kdc() {
    return "127.0.0.1:" + port;
  }

  void createPrincipal(String principal, String password) throws KrbException {
    kdc.createPrincipal(principal + "@" + REALM, password);
  }

  /** The settings the launcher would write for this KDC. */
  KerberosSettings settings(Optional<Path> keytab) {
    return new KerberosSettings(
        REALM,
        keytab.map(k -> SERVICE + "@" + REALM),
        Optional.of(kdc()),
        Optional.empty(),
        keytab,
        true);
  }

  @Override
  public void close() throws KrbException {
    kdc.stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
