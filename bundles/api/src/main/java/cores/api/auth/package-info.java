/**
 * How users prove who they are: the authentication providers (local accounts, LDAP, Kerberos, ...)
 * and the service that tries them in order.
 *
 * <p>1.1: {@link cores.api.auth.HttpAuthenticationScheme}, for HTTP authentication schemes that
 * other bundles provide (SPNEGO).
 *
 * <p>1.2: logins carry the client's address ({@link cores.api.auth.Authenticator#login(String,
 * char[], java.net.InetAddress)}), and a throttled login says how long to wait ({@link
 * cores.api.auth.LoginFailedException#retryAfter()}).
 */
@Export
@Version("1.2.0")
package cores.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
