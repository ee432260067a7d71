package cores.auth.ldapdirect;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code cores.auth.ldapdirect} configuration, produced by the launcher from LDAP_* variables.
 */
@ObjectClassDefinition(name = "Cores LDAP authentication (direct bind)")
@interface LdapDirectConfig {
  String PID = "cores.auth.ldapdirect";

  @AttributeDefinition(description = "LDAP_URI: ldap://host[:port] or ldaps://host[:port]")
  String uri();

  @AttributeDefinition(description = "LDAP_SEARCH_PATH: users are CN=<user>,<searchPath>")
  String searchPath();

  @AttributeDefinition(description = "LDAP_LOGGING: log each step, never a password")
  boolean logging() default false;

  @AttributeDefinition(description = "LDAP_STARTTLS: StartTLS on an ldap:// connection")
  boolean startTls() default false;

  @AttributeDefinition(description = "LDAP_TIMEOUT_SECONDS: connect and response timeout")
  int timeoutSeconds() default 10;

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
