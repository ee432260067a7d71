/**
 * What the LDAP authentication providers share: escaping of user input (RFC 4515 filters, RFC 4514
 * DNs), connection settings with timeouts and TLS, binding as a user, and mapping a directory entry
 * to an {@link cores.api.auth.Identity}. Embedded privately by each provider bundle; not exported.
 */
package cores.ldap.common;
