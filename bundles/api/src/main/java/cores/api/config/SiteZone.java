package cores.api.config;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The site's time zone ({@code CORES_TIME_ZONE}): that of its days (whole-day bookings, "tomorrow",
 * the jobs' times of day), of the times mails and pages show, and of times typed without an offset.
 * One component publishes it, from the configuration PID {@link #PID} that the launcher writes;
 * every bundle that needs the zone takes this service instead of reading another bundle's
 * configuration.
 */
public interface SiteZone {
  /** The configuration the zone is read from: property {@code timeZone}, an IANA zone name. */
  String PID = "cores.site";

  /**
   * How the admin and the pages show a time: "2026-12-06 18:00:00 Europe/Zurich", to the second (a
   * list of scan times or of objects named by their time tells apart those of the same minute).
   */
  DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV", Locale.ROOT);

  /**
   * {@link #WHEN} without the zone as PostgreSQL's {@code to_char} pattern, for the names of rows
   * that SQL makes (a booking's "web01 from 2026-12-06 18:00:00 Europe/Zurich"), the zone's name
   * then appended. Since 1.2.0.
   */
  String SQL_WHEN = "YYYY-MM-DD HH24:MI:SS";

  ZoneId zone();

  /** The zone's name, e.g. {@code Europe/Zurich}. */
  default String name() {
    return zone().getId();
  }

  /** A time in the zone, with its name; "open" for none (a reservation without an end). */
  default String when(Instant at) {
    return at == null ? "open" : WHEN.format(at.atZone(zone()));
  }

  /** A fixed zone, for tests and for parts that are handed one. */
  static SiteZone of(ZoneId zone) {
    return () -> zone;
  }
}
