package cores.ldap.testserver;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real LDAP server in the test's JVM (UnboundID's in-memory directory), speaking LDAP over TCP on
 * three ports: plain with StartTLS, and ldaps. Entries are Active Directory style ({@code CN=Jane
 * Doe,OU=Users,OU=All Sites,DC=contoso,DC=com}, givenName/sn/mail, memberOf). The TLS certificate
 * is a throwaway self-signed one for {@code localhost}/127.0.0.1, made with the JDK's keytool.
 */
public final class LdapTestServer implements AutoCloseable {
  public static final String BASE = "DC=contoso,DC=com";
  public static final String USERS = "OU=Users,OU=All Sites," + BASE;
  public static final String GROUPS = "OU=Groups,OU=All Sites," + BASE;
  public static final String ADMINS = "CN=Lab Admins," + GROUPS;
  public static final String STAFF = "CN=Lab Staff," + GROUPS;
  public static final String LAB_USERS = "CN=Lab Users," + GROUPS;
  public static final String SERVICE_DN = "CN=svc-cores," + USERS;
  public static final String SERVICE_PASSWORD = "svc-Secret-1";
  public static final String JANE = "Jane Doe";
  public static final String JANE_PASSWORD = "Jane-Secret-1";
  public static final String JOHN = "jsmith";
  public static final String JOHN_PASSWORD = "John-Secret-2";

  private final InMemoryDirectoryServer server;
  private final Path caFile;
  private final Path directory;

  private LdapTestServer(InMemoryDirectoryServer server, Path caFile, Path directory) {
    this.server = server;
    this.caFile = caFile;
    this.directory = directory;
  }

  /** Starts the server on free ports of 127.0.0.1 with the standard entries. */
  public static LdapTestServer start() throws Exception {
    Path dir = Files.createTempDirectory("cores-ldap");
    Path keystore = dir.resolve("server.p12");
    Path ca = dir.resolve("ca.pem");
    String storePass = "changeit";
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        storePass);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-storepass",
        storePass,
        "-file",
        ca.toString());

    SSLUtil serverSsl =
        new SSLUtil(
            new KeyStoreKeyManager(keystore.toFile(), storePass.toCharArray(), "PKCS12", "server"),
            new TrustAllTrustManager());
    InetAddress loopback = InetAddress.getLoopbackAddress();
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    // memberOf is not in the standard schema; Active Directory computes it, here it is stored
    config.setSchema(null);
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "ldap", loopback, 0, serverSsl.createSSLSocketFactory()),
        InMemoryListenerConfig.createLDAPSConfig(
            "ldaps", loopback, 0, serverSsl.createSSLServerSocketFactory(), null));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: contoso");
    server.add(
        "dn: OU=All Sites," + BASE,
        "objectClass: top",
        "objectClass: organizationalUnit",
        "ou: All Sites");
    server.add("dn: " + USERS, "objectClass: top", "objectClass: organizationalUnit", "ou: Users");
    server.add(
        "dn: " + GROUPS, "objectClass: top", "objectClass: organizationalUnit", "ou: Groups");
    for (String group : List.of(ADMINS, STAFF, LAB_USERS)) {
      server.add("dn: " + group, "objectClass: top", "objectClass: group");
    }
    server.add(
        "dn: " + SERVICE_DN,
        "objectClass: top",
        "objectClass: person",
        "cn: svc-cores",
        "sn: service",
        "userPassword: " + SERVICE_PASSWORD);
    server.add(
        "dn: CN=" + JANE + "," + USERS,
        "objectClass: top",
        "objectClass: person",
        "objectClass: organizationalPerson",
        "objectClass: user",
        "cn: " + JANE,
        "givenName: Jane",
        "sn: Doe",
        "mail: jane.doe@contoso.com",
        "userPassword: " + JANE_PASSWORD,
        "memberOf: " + ADMINS,
        "memberOf: " + STAFF,
        "memberOf: " + LAB_USERS);
    server.add(
        "dn: CN=" + JOHN + "," + USERS,
        "objectClass: top",
        "objectClass: person",
        "objectClass: organizationalPerson",
        "objectClass: user",
        "cn: " + JOHN,
        "givenName: John",
        "sn: Smith",
        "mail: john.smith@contoso.com",
        "userPassword: " + JOHN_PASSWORD);
    server.startListening();
    return new LdapTestServer(server, ca, dir);
  }

  /** Adds an entry, e.g. a user with a name that needs escaping. */
  public void add(String... ldif) throws Exception {
    server.add(ldif);
  }

  /** {@code ldap://127.0.0.1:<port>}: plain, StartTLS available. */
  public String ldapUri() {
    return "ldap://127.0.0.1:" + server.getListenPort("ldap");
  }

  /** {@code ldaps://127.0.0.1:<port>}. */
  public String ldapsUri() {
    return "ldaps://127.0.0.1:" + server.getListenPort("ldaps");
  }

  public int ldapPort() {
    return server.getListenPort("ldap");
  }

  /** PEM file of the server's self-signed certificate, to trust it. */
  public Path caFile() {
    return caFile;
  }

  /** The DN of a user of the standard entries. */
  public static String userDn(String cn) {
    return "CN=" + cn + "," + USERS;
  }

  /** Stops listening: the directory is down. */
  public void stop() {
    server.shutDown(true);
  }

  @Override
  public void close() throws IOException {
    server.shutDown(true);
    List<Path> files = new ArrayList<>();
    try (var walk = Files.walk(directory)) {
      walk.forEach(files::add);
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(files.get(i));
    }
  }

  private static void keytool(String... args)
      throws IOException, InterruptedException, GeneralSecurityException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new GeneralSecurityException("keytool failed: " + new String(output));
    }
  }
}
