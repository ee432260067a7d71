/**
 * How users prove who they are: the authentication providers (local accounts, LDAP, Kerberos, ...)
 * and the service that tries them in order.
 */
@Export
@Version("1.0.0")
package cores.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
