package cores.launcher.env;

import java.util.Optional;

/** Where the platform's database is: the operator's server or the embedded one. */
public record Database(
    String host, int port, String name, Optional<String> user, Optional<String> password) {

  public String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + name;
  }

  /** host:port, for messages (never includes credentials). */
  public String address() {
    return host + ":" + port;
  }

  @Override
  public String toString() {
    return "Database[" + address() + "/" + name + ", user=" + user.orElse("") + "]";
  }
}
