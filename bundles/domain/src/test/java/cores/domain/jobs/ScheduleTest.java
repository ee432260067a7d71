package cores.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final Schedule BERLIN =
      new Schedule(LocalTime.of(6, 0), LocalTime.of(3, 0), ZoneId.of("Europe/Berlin"));

  @Test
  void theNextSlotIsTodaysUntilItPassesThenTomorrows() {
    assertEquals(
        Instant.parse("2026-12-01T05:00:00Z"),
        BERLIN.next(Job.MORNING, Instant.parse("2026-12-01T04:59:00Z")));
    assertEquals(
        Instant.parse("2026-12-02T05:00:00Z"),
        BERLIN.next(Job.MORNING, Instant.parse("2026-12-01T05:00:00Z")));
    assertEquals(
        Instant.parse("2026-12-02T02:00:00Z"),
        BERLIN.next(Job.MAINTENANCE, Instant.parse("2026-12-01T05:00:00Z")));
  }

  @Test
  void slotsFollowTheZonesDaylightSavingTime() {
    assertEquals(
        Instant.parse("2026-07-01T04:00:00Z"),
        BERLIN.next(Job.MORNING, Instant.parse("2026-06-30T12:00:00Z")));
    // 29 March 2026: 02:00-03:00 does not exist in Berlin; 02:30 runs at 03:30 CEST
    Schedule gap =
        new Schedule(LocalTime.of(6, 0), LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
    assertEquals(
        Instant.parse("2026-03-29T01:30:00Z"),
        gap.next(Job.MAINTENANCE, Instant.parse("2026-03-28T12:00:00Z")));
  }

  @Test
  void aSlotMissedTodayIsCaughtUpAtStartButNotOneNotYetDue() {
    assertEquals(
        Optional.of(Instant.parse("2026-12-01T05:00:00Z")),
        BERLIN.passedToday(Job.MORNING, Instant.parse("2026-12-01T10:00:00Z")));
    assertEquals(
        Optional.empty(), BERLIN.passedToday(Job.MORNING, Instant.parse("2026-12-01T04:00:00Z")));
  }

  @Test
  void configuredTimesAreHoursAndMinutes() {
    Schedule schedule = Schedule.of(config("8:23", "23:59"), ZoneOffset.UTC);
    assertEquals(LocalTime.of(8, 23), schedule.morningAt());
    assertEquals(LocalTime.of(23, 59), schedule.maintenanceAt());
  }

  @Test
  void aBadConfiguredTimeIsRefusedNamingTheProperty() {
    for (String bad : new String[] {"24:00", "6", "06:60", "06:00:00", "x"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Schedule.of(config("06:00", bad), ZoneOffset.UTC));
      assertTrue(e.getMessage().startsWith("maintenanceJobAt"), e.getMessage());
    }
  }

  static JobsConfig config(String morning, String maintenance) {
    return new JobsConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return JobsConfig.class;
      }

      @Override
      public String morningJobAt() {
        return morning;
      }

      @Override
      public String maintenanceJobAt() {
        return maintenance;
      }

      @Override
      public int changelogDays() {
        return 365;
      }
    };
  }
}
