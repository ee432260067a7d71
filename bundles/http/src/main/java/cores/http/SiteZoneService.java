package cores.http;

import cores.api.config.Settings;
import cores.api.config.SiteZone;
import java.time.ZoneId;
import org.osgi.service.cm.ConfigurationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The site's zone, the one reader of its configuration ({@link SiteZone#PID}, which the launcher
 * writes from CORES_TIME_ZONE): the jobs, the mails, the admin and the pages take it from here.
 * Without a configuration (a test, a command) the zone is UTC, CORES_TIME_ZONE's default.
 */
@Component(service = SiteZone.class, configurationPid = SiteZone.PID)
public final class SiteZoneService implements SiteZone {
  /** The site's configuration. */
  public @interface Config {
    String timeZone() default "UTC";
  }

  private final ZoneId zone;

  /**
   * @throws ConfigurationException naming {@code timeZone} (the launcher shows CORES_TIME_ZONE)
   *     when it is not an IANA zone name
   */
  @Activate
  public SiteZoneService(Config config) throws ConfigurationException {
    this.zone = zone(config.timeZone());
  }

  /** An IANA region name such as Europe/Berlin, or UTC; not a fixed offset, as the launcher's. */
  static ZoneId zone(String value) throws ConfigurationException {
    String name = Settings.required("timeZone", value);
    if (!ZoneId.getAvailableZoneIds().contains(name)) {
      throw new ConfigurationException(
          "timeZone",
          Settings.quote(name) + " is not an IANA time zone name such as Europe/Berlin");
    }
    return ZoneId.of(name);
  }

  @Override
  public ZoneId zone() {
    return zone;
  }
}
