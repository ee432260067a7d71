package cores.domain.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When the jobs run: a time of day each, in one zone. A slot is the instant of a job's time on one
 * date; across a daylight-saving gap it moves forward with the clocks.
 */
record Schedule(LocalTime morningAt, LocalTime maintenanceAt, ZoneId zone) {
  private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):[0-5][0-9]");

  /**
   * @throws IllegalArgumentException naming the property with a bad value
   */
  static Schedule of(JobsConfig config, ZoneId zone) {
    return new Schedule(
        time("morningJobAt", config.morningJobAt()),
        time("maintenanceJobAt", config.maintenanceJobAt()),
        zone);
  }

  private static LocalTime time(String name, String value) {
    if (value == null || !TIME.matcher(value).matches()) {
      throw new IllegalArgumentException(name + ": \"" + value + "\" is not a time HH:MM");
    }
    String[] parts = value.split(":");
    return LocalTime.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
  }

  LocalTime at(Job job) {
    return job == Job.MORNING ? morningAt : maintenanceAt;
  }

  Instant slot(Job job, LocalDate date) {
    return ZonedDateTime.of(date, at(job), zone).toInstant();
  }

  /** The first slot strictly after {@code after}. */
  Instant next(Job job, Instant after) {
    LocalDate date = after.atZone(zone).toLocalDate();
    Instant slot = slot(job, date);
    return slot.isAfter(after) ? slot : slot(job, date.plusDays(1));
  }

  /**
   * Today's slot when it has passed: at start, a slot missed while no instance ran is run once,
   * late (its claim stops a second run); earlier days' missed slots are not made up.
   */
  Optional<Instant> passedToday(Job job, Instant now) {
    Instant slot = slot(job, now.atZone(zone).toLocalDate());
    return slot.isAfter(now) ? Optional.empty() : Optional.of(slot);
  }
}
