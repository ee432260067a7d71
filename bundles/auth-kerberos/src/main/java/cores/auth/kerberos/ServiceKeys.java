package cores.auth.kerberos;

import cores.api.auth.AuthenticationUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * The service's keys from KERBEROS_KEYTAB: they accept service tickets, which proves that the KDC
 * that issued them knows the service's key, i.e. is the real KDC (a spoofed one can answer a
 * password login, but cannot make a ticket for our service). Used for verifying password logins and
 * for SPNEGO.
 */
final class ServiceKeys {
  static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
  static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
  static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

  private final String principal;
  private final Path keytab;
  private final JdkLogins logins;
  private Subject acceptor;

  /** A client's principal name as the acceptor saw it, and the token for mutual authentication. */
  record Accepted(String client, Optional<byte[]> response) {}

  ServiceKeys(String principal, Path keytab, JdkLogins logins) {
    this.principal = principal;
    this.keytab = keytab;
    this.logins = logins;
  }

  String principal() {
    return principal;
  }

  /**
   * Obtains a ticket for the service with the client's ticket-granting ticket and accepts it with
   * the keytab.
   *
   * @return whether the ticket was accepted for the same client
   * @throws AuthenticationUnavailableException when no service ticket can be had (KDC down, service
   *     unknown to it) or the keytab is unreadable: a configuration or outage, not a wrong password
   */
  boolean verify(Subject client, String clientPrincipal) throws AuthenticationUnavailableException {
    GSSManager manager = GSSManager.getInstance();
    byte[] ticket;
    try {
      ticket =
          as(
              client,
              () -> {
                GSSContext context =
                    manager.createContext(
                        serviceName(manager), KRB5, null, GSSContext.DEFAULT_LIFETIME);
                try {
                  return context.initSecContext(new byte[0], 0, 0);
                } finally {
                  context.dispose();
                }
              });
    } catch (GSSException e) {
      throw new AuthenticationUnavailableException(
          "No ticket for " + principal + " could be obtained: " + e.getMessage(), e);
    }
    try {
      Accepted accepted = accept(ticket, KRB5);
      return accepted.client().equalsIgnoreCase(clientPrincipal);
    } catch (GSSException e) {
      return false;
    }
  }

  /**
   * Accepts a token (SPNEGO or bare Kerberos) from a client.
   *
   * @throws GSSException when the token is not accepted
   */
  Accepted accept(byte[] token, Oid mechanism)
      throws GSSException, AuthenticationUnavailableException {
    GSSManager manager = GSSManager.getInstance();
    Oid[] mechanisms = mechanism.equals(SPNEGO) ? new Oid[] {SPNEGO, KRB5} : new Oid[] {KRB5};
    return as(
        acceptor(),
        () -> {
          GSSCredential credential =
              manager.createCredential(
                  serviceName(manager),
                  GSSCredential.INDEFINITE_LIFETIME,
                  mechanisms,
                  GSSCredential.ACCEPT_ONLY);
          GSSContext context = manager.createContext(credential);
          try {
            byte[] response = context.acceptSecContext(token, 0, token.length);
            if (!context.isEstablished()) {
              // Kerberos needs one round trip; anything else (e.g. NTLM offered through SPNEGO)
              // is not supported
              throw new GSSException(GSSException.DEFECTIVE_TOKEN);
            }
            return new Accepted(
                context.getSrcName().toString(),
                response == null || response.length == 0
                    ? Optional.empty()
                    : Optional.of(response));
          } finally {
            context.dispose();
          }
        });
  }

  private GSSName serviceName(GSSManager manager) throws GSSException {
    return manager.createName(principal, KRB5_PRINCIPAL_NAME);
  }

  /** The acceptor's subject, read from the keytab once. */
  private synchronized Subject acceptor() throws AuthenticationUnavailableException {
    if (acceptor == null) {
      if (!Files.isReadable(keytab)) {
        throw new AuthenticationUnavailableException(
            "KERBEROS_KEYTAB " + keytab + " is not a readable file");
      }
      try {
        acceptor = logins.withKeytab(principal, keytab);
      } catch (LoginException e) {
        throw new AuthenticationUnavailableException(
            "The keytab " + keytab + " has no key for " + principal + ": " + e.getMessage(), e);
      }
    }
    return acceptor;
  }

  synchronized void close() {
    if (acceptor != null) {
      JdkLogins.destroy(acceptor);
      acceptor = null;
    }
  }

  /** Runs GSS code with the credentials of a subject (the JDK finds them there). */
  @SuppressWarnings("removal")
  private static <T> T as(Subject subject, GssAction<T> action) throws GSSException {
    try {
      return Subject.doAs(subject, (PrivilegedExceptionAction<T>) action::run);
    } catch (PrivilegedActionException e) {
      if (e.getException() instanceof GSSException gss) {
        throw gss;
      }
      throw new IllegalStateException(e.getException());
    }
  }

  @FunctionalInterface
  private interface GssAction<T> {
    T run() throws GSSException;
  }

  private static Oid oid(String value) {
    try {
      return new Oid(value);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
