package cores.launcher.env;

import cores.envconfig.Resolved;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations (PIDs and property names of contracts.md) that {@link Settings} stand for.
 * Pure: the database is a parameter because the embedded one is only known after it started.
 */
public final class ConfigurationPlan {

  public static final String DATABASE = "cores.database";
  public static final String HTTP = "cores.http";
  public static final String SYSTEM = "cores.system";
  public static final String PLUGINS = "cores.plugins";
  public static final String NOTIFY = "cores.notify";

  /** The site's zone, read by one component of the platform (cores.api.config.SiteZone). */
  public static final String SITE = "cores.site";

  private ConfigurationPlan() {}

  /**
   * @throws IllegalStateException when a secret key is needed but {@code settings} has none
   */
  public static List<Resolved> of(Settings settings, Database database, RunMode mode) {
    List<Resolved> result = new ArrayList<>();
    result.add(database(settings, database));
    result.add(new Resolved(SYSTEM, new LinkedHashMap<>(settings.maskedView()), Map.of()));
    if (mode == RunMode.COMMAND) {
      return result;
    }
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("port", settings.httpPort());
    http.put("address", settings.httpAddress());
    http.put("hostname", settings.hostname());
    http.put("debug", settings.debug());
    http.put("trustedProxies", String.join(",", settings.trustedProxies()));
    http.put("maxActiveRequests", settings.httpMaxActive());
    http.put("trustedOrigins", String.join(",", settings.trustedOrigins()));
    http.put(
        "secretKey",
        settings
            .secretKey()
            .orElseThrow(() -> new IllegalStateException("no secret key: generate one first")));
    result.add(
        new Resolved(
            HTTP,
            http,
            Map.of(
                "port", Variable.CORES_HTTP_PORT.name(),
                "address", Variable.CORES_HTTP_ADDRESS.name(),
                "hostname", Variable.HOSTNAME.name(),
                "debug", Variable.DEBUG.name(),
                "trustedProxies", Variable.CORES_TRUSTED_PROXIES.name(),
                "maxActiveRequests", Variable.CORES_HTTP_MAX_ACTIVE.name(),
                "trustedOrigins", Variable.CORES_TRUSTED_ORIGINS.name(),
                "secretKey", Variable.SECRET_KEY.name())));
    result.add(
        new Resolved(
            PLUGINS,
            Map.of("directory", settings.pluginsDirectory().toString()),
            Map.of("directory", Variable.CORES_PLUGINS.name())));
    // the notification dispatcher (server mode only) builds the links in messages from HOSTNAME
    result.add(
        new Resolved(
            NOTIFY,
            Map.of(
                "hostname",
                settings.hostname(),
                "retryBaseMillis",
                settings.mailRetrySeconds() * 1000L),
            Map.of(
                "hostname",
                Variable.HOSTNAME.name(),
                "retryBaseMillis",
                Variable.CORES_MAIL_RETRY_SECONDS.name())));
    // server mode only: a command such as createsuperuser runs no jobs
    result.add(new Resolved(JobSchedule.PID, settings.jobs().properties(), Map.of()));
    result.add(
        new Resolved(
            SITE,
            Map.of("timeZone", settings.jobs().zone().getId()),
            Map.of("timeZone", Variable.CORES_TIME_ZONE.name())));
    return result;
  }

  private static Resolved database(Settings settings, Database database) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("url", database.jdbcUrl());
    database.user().ifPresent(u -> p.put("user", u));
    database.password().ifPresent(pw -> p.put("password", pw));
    p.put("poolSize", settings.poolSize());
    return new Resolved(DATABASE, p, Map.of());
  }
}
