package cores.ldap.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides which server certificates to trust. The Directory API checks the chain with the trust
 * managers it is given but never compares the certificate with the host name, so this adds that
 * check (subject alternative names, RFC 6125): without it any certificate from a trusted CA would
 * do.
 */
final class Trust {
  private Trust() {}

  /** Trust managers for a server at {@code host}: the CA file's certificates, or the JVM's. */
  static TrustManager[] forHost(String host, Optional<Path> caFile) {
    X509TrustManager chain;
    try {
      chain = chainCheck(caFile.isPresent() ? load(caFile.get()) : null);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("caFile: cannot read " + caFile.orElse(null), e);
    }
    return new TrustManager[] {new HostChecking(chain, host)};
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(file)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certs.isEmpty()) {
      throw new CertificateException("no certificate in " + file);
    }
    int i = 0;
    for (Certificate cert : certs) {
      store.setCertificateEntry("ca" + i++, cert);
    }
    return store;
  }

  private static X509TrustManager chainCheck(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Whether the certificate names the host (DNS names with a leftmost wildcard, IP addresses). */
  static boolean matches(X509Certificate cert, String host) throws CertificateParsingException {
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    if (names == null) {
      return false;
    }
    boolean ip = isIpLiteral(host);
    String wanted = host.toLowerCase(Locale.ROOT);
    for (List<?> name : names) {
      int type = (Integer) name.get(0);
      String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
      if (ip && type == 7 && sameAddress(value, wanted)) {
        return true;
      }
      if (!ip && type == 2 && dnsMatches(value, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsMatches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  private static boolean sameAddress(String a, String b) {
    try {
      // both are literals, so no name lookup happens
      return InetAddress.getByName(a)
          .equals(InetAddress.getByName(b.replace("[", "").replace("]", "")));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Chain check, then host check. */
  private static final class HostChecking implements X509TrustManager {
    private final X509TrustManager chain;
    private final String host;

    HostChecking(X509TrustManager chain, String host) {
      this.chain = chain;
      this.host = host;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      chain.checkServerTrusted(certs, authType);
      if (!matches(certs[0], host)) {
        throw new CertificateException("the LDAP server's certificate does not name " + host);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }
}
