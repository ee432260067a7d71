package cores.launcher.env;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the domain's scheduled jobs run: CORES_MORNING_JOB_AT, CORES_MAINTENANCE_JOB_AT (times of
 * day) in CORES_TIME_ZONE, which is also the zone of "tomorrow" and of the times in mails; and how
 * many days of the change log the maintenance job keeps (CORES_CHANGELOG_DAYS).
 */
public record JobSchedule(
    LocalTime morningAt, LocalTime maintenanceAt, ZoneId zone, int changelogDays) {

  /** The domain bundle's jobs component; the zone goes to the site's PID (ConfigurationPlan). */
  public static final String PID = "cores.domain.jobs";

  /** Values as text: the times as HH:MM (the zone's is the site's configuration). */
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("morningJobAt", morningAt.toString());
    p.put("maintenanceJobAt", maintenanceAt.toString());
    p.put("changelogDays", changelogDays);
    return p;
  }
}
