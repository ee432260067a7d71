package cores.persistence;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code cores.database}, produced by the launcher from the environment. */
@ObjectClassDefinition(name = "Cores database", description = "The shared PostgreSQL database")
@interface DatabaseConfig {

  @AttributeDefinition(description = "JDBC URL, jdbc:postgresql://host:port/database")
  String url();

  @AttributeDefinition(description = "Database user")
  String user();

  @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password")
  String password() default "";

  @AttributeDefinition(min = "1", description = "Largest number of pooled connections")
  int poolSize() default 10;
}
