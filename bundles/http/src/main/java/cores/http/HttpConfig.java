package cores.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the HTTP server, PID {@code cores.http}, written by the launcher. */
@ObjectClassDefinition(name = "Cores HTTP server")
public @interface HttpConfig {
  String PID = "cores.http";

  @AttributeDefinition(description = "TCP port (CORES_HTTP_PORT)")
  int port() default 8000;

  @AttributeDefinition(
      description = "IP address to listen on; empty: every interface (CORES_HTTP_ADDRESS)")
  String address() default "";

  @AttributeDefinition(description = "host name the site is served as (HOSTNAME)")
  String hostname() default "localhost";

  @AttributeDefinition(description = "detailed errors (DEBUG)")
  boolean debug() default false;

  @AttributeDefinition(
      description = "signs CSRF tokens (SECRET_KEY)",
      type = AttributeType.PASSWORD)
  String secretKey() default "";

  @AttributeDefinition(description = "largest accepted request body in bytes")
  long maxBodyBytes() default 10_485_760L;

  @AttributeDefinition(
      description =
          "proxies (addresses or host names, comma-separated) whose X-Real-IP header names the"
              + " client, for the login throttle (CORES_TRUSTED_PROXIES)")
  String trustedProxies() default "127.0.0.1,::1,nginx";

  @AttributeDefinition(
      description =
          "requests worked on at once, the others waiting their turn in order; 0: twice the"
              + " processors (CORES_HTTP_MAX_ACTIVE)")
  int maxActiveRequests() default 0;

  @AttributeDefinition(
      description =
          "origins (scheme://host[:port], comma-separated) whose unsafe requests are this site's"
              + " own besides the one the browser addressed and https://<hostname>"
              + " (CORES_TRUSTED_ORIGINS)")
  String trustedOrigins() default "";
}
