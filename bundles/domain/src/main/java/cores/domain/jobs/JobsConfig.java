package cores.domain.jobs;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The jobs' schedule, PID {@code cores.domain.jobs}: the launcher writes it from
 * CORES_MORNING_JOB_AT, CORES_MAINTENANCE_JOB_AT and CORES_CHANGELOG_DAYS in server mode only, so
 * commands such as createsuperuser run no jobs. Its times of day are in the site's zone (the
 * mails', cores.api.config.SiteZone).
 */
@ObjectClassDefinition(name = "Cores scheduled jobs")
public @interface JobsConfig {
  @AttributeDefinition(description = "Time of day (HH:MM) of the morning job")
  String morningJobAt() default "06:00";

  @AttributeDefinition(description = "Time of day (HH:MM) of the nightly maintenance job")
  String maintenanceJobAt() default "03:00";

  @AttributeDefinition(description = "Days the maintenance job keeps of the change log")
  int changelogDays() default 365;
}
