package cores.auth.kerberos;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code cores.auth.kerberos}, declared by the auth-kerberos feature (on when
 * KERBEROS_AUTH=True): text as the environment writes it, checked by {@link KerberosSettings}.
 */
@ObjectClassDefinition(
    name = "Kerberos authentication",
    description = "Password login against a Kerberos KDC; SPNEGO where a keytab is given")
public @interface KerberosConfig {
  String PID = "cores.auth.kerberos";

  @AttributeDefinition(description = "KERBEROS_REALM, e.g. CONTOSO.COM")
  String realm() default "";

  @AttributeDefinition(
      description = "KERBEROS_SERVICE: principal whose keytab verifies the KDC, e.g. HTTP/host",
      required = false)
  String service() default "";

  @AttributeDefinition(description = "KERBEROS_KDC: host[:port]", required = false)
  String kdc() default "";

  @AttributeDefinition(description = "KRB5_CONFIG: path of a krb5.conf", required = false)
  String krb5Config() default "";

  @AttributeDefinition(
      description = "KERBEROS_KEYTAB: keytab with the service's key",
      required = false)
  String keytab() default "";

  @AttributeDefinition(description = "LDAP_LOGGING: log each step of a login (never passwords)")
  String logging() default "False";
}
