/**
 * How users prove who they are: the authentication providers (local accounts, LDAP, Kerberos, ...)
 * and the service that tries them in order.
 *
 * <p>1.1: {@link cores.api.auth.HttpAuthenticationScheme}, for HTTP authentication schemes that
 * other bundles provide (SPNEGO).
 */
@Export
@Version("1.1.0")
package cores.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
