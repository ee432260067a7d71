package cores.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The site's zone ({@code CORES_TIME_ZONE}), in which the admin shows times and its forms take
 * them, named with every time shown: "2026-12-06 18:00:00 Europe/Zurich", as the domain's desk
 * shows the times Cores sets.
 */
public final class SiteZone {
  /** The part of the jobs' configuration (PID {@code cores.domain.jobs}) that the admin reads. */
  public @interface Config {
    String timeZone() default "UTC";
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV", Locale.ROOT);

  private final ZoneId zone;

  SiteZone(ZoneId zone) {
    this.zone = zone;
  }

  /** The zone's name, e.g. {@code Europe/Zurich}. */
  public String name() {
    return zone.getId();
  }

  /** A time in the zone, with its name; "open" for none (a reservation without an end). */
  public String when(Instant at) {
    return at == null ? "open" : WHEN.format(at.atZone(zone));
  }
}
