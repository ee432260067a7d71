package cores.auth.ldap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code cores.auth.ldap} configuration, declared by its feature from LDAP_* variables: text as
 * the environment writes it, checked when the provider starts.
 */
@ObjectClassDefinition(name = "Cores LDAP authentication (search then bind)")
@interface LdapConfig {
  String PID = "cores.auth.ldap";

  @AttributeDefinition(description = "LDAP_URI: ldap://host[:port] or ldaps://host[:port]")
  String uri() default "";

  @AttributeDefinition(description = "LDAP_BIND_DN: the account that searches")
  String bindDn() default "";

  @AttributeDefinition(type = AttributeType.PASSWORD, description = "LDAP_BIND_PASS")
  String bindPassword() default "";

  @AttributeDefinition(description = "LDAP_SEARCH_PATH: base DN searched (subtree) for (CN=user)")
  String searchPath() default "";

  @AttributeDefinition(description = "LDAP_LOGGING: log each step, never a password")
  String logging() default "False";

  @AttributeDefinition(description = "LDAP_STARTTLS: StartTLS on an ldap:// connection")
  String startTls() default "False";

  @AttributeDefinition(description = "LDAP_TIMEOUT_SECONDS: connect and response timeout")
  String timeoutSeconds() default "10";

  @AttributeDefinition(description = "LDAP_CA_FILE: PEM certificates to trust; empty: the JVM's")
  String caFile() default "";

  @AttributeDefinition(description = "LDAP_GROUP_MAP: <group DN>=<Cores group>;...")
  String groupMap() default "";

  @AttributeDefinition(description = "LDAP_STAFF_GROUP: DN whose members are staff")
  String staffGroup() default "";

  @AttributeDefinition(description = "LDAP_SUPERUSER_GROUP: DN whose members are superusers")
  String superuserGroup() default "";

  @AttributeDefinition(description = "LDAP_REQUIRE_GROUP: DN a user must be a member of")
  String requireGroup() default "";
}
