package cores.launcher.env;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated environment. Built only by {@link EnvironmentParser}; {@link #maskedView()} is what
 * admins and logs may see (secrets as {@value Variable#MASK}).
 *
 * @param externalDatabase the operator's database server; empty means the embedded one
 * @param httpAddress the address the server listens on; empty for every interface
 * @param trustedProxies the proxies whose {@code X-Real-IP} names the client
 * @param trustedOrigins origins whose unsafe requests are the site's own besides those it sees
 * @param httpMaxActive requests the server works on at once; 0 for its default
 * @param jobs when the scheduled jobs run
 * @param mailRetrySeconds the first retry of an undelivered message (doubling with each attempt)
 * @param warnings things worth a log line that do not stop the start (never containing secrets)
 */
public record Settings(
    String hostname,
    Optional<String> secretKey,
    boolean debug,
    Optional<Database> externalDatabase,
    String databaseName,
    int poolSize,
    int databaseWaitSeconds,
    int httpPort,
    String httpAddress,
    List<String> trustedProxies,
    List<String> trustedOrigins,
    int httpMaxActive,
    Path dataDirectory,
    Path pluginsDirectory,
    JobSchedule jobs,
    int mailRetrySeconds,
    Map<String, String> maskedView,
    List<String> warnings) {

  public Settings {
    maskedView = Collections.unmodifiableMap(new LinkedHashMap<>(maskedView));
    warnings = List.copyOf(warnings);
    trustedProxies = List.copyOf(trustedProxies);
    trustedOrigins = List.copyOf(trustedOrigins);
  }

  /** The same settings with a generated secret key (DEBUG=True and none configured). */
  public Settings withSecretKey(String key) {
    Map<String, String> view = new LinkedHashMap<>();
    for (Variable v : Variable.values()) {
      if (v == Variable.SECRET_KEY) {
        view.put(v.name(), Variable.MASK);
      } else if (maskedView.containsKey(v.name())) {
        view.put(v.name(), maskedView.get(v.name()));
      }
    }
    return new Settings(
        hostname,
        Optional.of(key),
        debug,
        externalDatabase,
        databaseName,
        poolSize,
        databaseWaitSeconds,
        httpPort,
        httpAddress,
        trustedProxies,
        trustedOrigins,
        httpMaxActive,
        dataDirectory,
        pluginsDirectory,
        jobs,
        mailRetrySeconds,
        view,
        warnings);
  }

  @Override
  public String toString() {
    return "Settings" + maskedView;
  }
}
